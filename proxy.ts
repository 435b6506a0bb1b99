import { NextResponse, type NextRequest } from 'next/server';
import { bearerOf, identityFromHeaders, isPublicPath, UNAUTHORIZED_HEADERS, unauthorizedBody } from './lib/auth/identity';
import { authSettings } from './lib/auth/settings';

/**
 * The gate in front of every page and route: in password and header modes, nobody
 * without a user gets past, except to the public share pages, their bytes, the health
 * check and sign-in. Pages redirect to sign-in; API routes answer 401 in the Images
 * API's error envelope. A bearer token is let through to the route, which checks it
 * against the database (route handlers check every caller again in any case).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const settings = authSettings();
  if (identityFromHeaders(request.headers, settings)) return NextResponse.next();
  const isApi = pathname.startsWith('/api/');
  if (isApi && bearerOf(request.headers)) return NextResponse.next();
  if (isApi) {
    return NextResponse.json({ error: unauthorizedBody(settings) }, { status: 401, headers: UNAUTHORIZED_HEADERS });
  }
  const signIn = new URL('/sign-in', request.url);
  if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(signIn, 303);
}

export const config = {
  // Static build output needs no user (and holds nothing secret).
  matcher: ['/((?!_next/static|_next/image).*)'],
};
