import { normaliseName } from './names';
import { cookieValue, SESSION_COOKIE } from './cookies';
import type { AuthSettings } from './settings';

/**
 * Who is asking. `id` is what their work is filed under (images, tokens, spend): their
 * name in open, header and password modes, `oidc:<subject>` with an identity provider.
 * `name` is what is shown. `email` is the provider's (OIDC only).
 */
export type Identity = {
  id: string;
  name: string;
  via: 'open' | 'session' | 'header' | 'token';
  email?: string | null;
  tokenId?: string;
  sessionId?: string;
};

/** The one person of open mode. */
export const OPEN_MODE_NAME = 'local';

/**
 * Who is asking, from the headers alone (no database): everyone is "local" in open mode,
 * the SSO header names the person in header mode. Sessions and personal API tokens need
 * the database and are resolved by `requireUser` and `pageUser`.
 */
export function identityFromHeaders(headers: Headers, settings: AuthSettings): Identity | null {
  if (settings.mode === 'open') return { id: OPEN_MODE_NAME, name: OPEN_MODE_NAME, via: 'open' };
  if (settings.mode === 'header') {
    const name = normaliseName(headers.get(settings.header!));
    return name ? { id: name, name, via: 'header' } : null;
  }
  return null;
}

/** The session cookie's value, if the request carries one. */
export const sessionCookieOf = (headers: Headers) => cookieValue(headers.get('cookie'), SESSION_COOKIE);

/**
 * Whether a page request may go on to the page at all (the proxy's cheap check, without
 * the database): a user from the headers, or a session cookie to be checked by the page.
 */
export function mayReachPage(headers: Headers, settings: AuthSettings): boolean {
  if (settings.mode === 'password' || settings.mode === 'oidc') return Boolean(sessionCookieOf(headers));
  return identityFromHeaders(headers, settings) !== null;
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
