import { NextResponse, type NextRequest } from 'next/server';
import { bearerOf, identityFromHeaders, isPublicPath, UNAUTHORIZED_HEADERS, unauthorizedBody } from './lib/auth/identity';
import { authSettings } from './lib/auth/settings';
import { contentSecurityPolicy, newNonce } from './lib/http/security-headers';

/**
 * The gate in front of every page and route:
 * - in password and header modes, nobody without a user gets past, except to the public
 *   share pages, their bytes, the health check and sign-in. Pages redirect to sign-in;
 *   API routes answer 401 in the Images API's error envelope. A bearer token is let
 *   through to the route, which checks it against the database (route handlers check
 *   every caller again in any case);
 * - every page gets a Content Security Policy with a fresh nonce, which Next.js puts on
 *   its own scripts (it reads the policy from the request headers).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  if (!isPublicPath(pathname)) {
    const settings = authSettings();
    const known = identityFromHeaders(request.headers, settings) !== null || (isApi && bearerOf(request.headers) !== null);
    if (!known && isApi) return NextResponse.json({ error: unauthorizedBody(settings) }, { status: 401, headers: UNAUTHORIZED_HEADERS });
    if (!known) {
      const signIn = new URL('/sign-in', request.url);
      if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
      return NextResponse.redirect(signIn, 303);
    }
  }
  const isBytes = pathname.startsWith('/s/') && pathname.endsWith('/image');
  if (isApi || isBytes || pathname.startsWith('/_next/')) return NextResponse.next();
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Static build output needs no user (and holds nothing secret).
  matcher: ['/((?!_next/static|_next/image).*)'],
};
