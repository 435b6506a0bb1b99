import { normaliseName } from './names';
import { cookieValue, readSession, SESSION_COOKIE } from './session';
import type { AuthSettings } from './settings';

/**
 * Who is asking, from the request headers alone (no database): the SSO header in
 * header mode, the session cookie in password mode, everyone is "local" in open mode.
 * Personal API tokens need the database and are resolved by `requireUser`.
 */
export type Identity = { name: string; via: 'open' | 'session' | 'header' | 'token'; tokenId?: string };

/** The one person of open mode. */
export const OPEN_MODE_NAME = 'local';

export function identityFromHeaders(headers: Headers, settings: AuthSettings): Identity | null {
  if (settings.mode === 'open') return { name: OPEN_MODE_NAME, via: 'open' };
  if (settings.mode === 'header') {
    const name = normaliseName(headers.get(settings.header!));
    return name ? { name, via: 'header' } : null;
  }
  const name = readSession(cookieValue(headers.get('cookie'), SESSION_COOKIE), settings);
  return name ? { name, via: 'session' } : null;
}

/** The bearer credential, if the request carries one. */
export function bearerOf(headers: Headers): string | null {
  const value = headers.get('authorization');
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match ? match[1]! : null;
}

/**
 * Pages anyone may open: public share pages (and their bytes), sign-in itself. (Public
 * API routes, the health check and sign-in, are the ones not wrapped in `withUser`.)
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname.startsWith('/s/') ||
    pathname.startsWith('/_next/') ||
    pathname === '/icon.svg' ||
    pathname === '/favicon.ico'
  );
}
