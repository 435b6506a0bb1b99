import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPath, mayReachPage } from './lib/auth/identity';
import { authSettings } from './lib/auth/settings';
import { contentSecurityPolicy, newNonce } from './lib/http/security-headers';

/**
 * The gate in front of every page (API routes are not matched: each route handler
 * identifies its caller itself, tokens included, which needs the database; skipping
 * this step keeps several milliseconds off every API call):
 * - a page without a user redirects to sign-in, except the public share pages and
 *   sign-in itself: in header mode without the header, in password and OIDC modes
 *   without a session cookie (whether the session is live needs the database, so the
 *   page checks that itself with `pageUser`);
 * - every page gets a Content Security Policy with a fresh nonce, which Next.js puts on
 *   its own scripts (it reads the policy from the request headers).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (!isPublicPath(pathname) && !mayReachPage(request.headers, authSettings())) {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(signIn, 303);
  }
  if (pathname.startsWith('/s/') && pathname.endsWith('/image')) return NextResponse.next();
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Static build output needs no user (and holds nothing secret); API routes check their own callers.
  matcher: ['/((?!_next/static|_next/image|api/).*)'],
};
