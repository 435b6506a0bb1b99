import { cookieValue, OIDC_COOKIE, setCookie } from '@/lib/auth/cookies';
import { CALLBACK_PATH, finishOidcSignIn, OidcSignInError, rememberPerson, takeLogin } from '@/lib/auth/oidc';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authSettings } from '@/lib/auth/settings';
import { startSession } from '@/lib/auth/start-session';
import { gallery } from '@/lib/gallery/instance';
import { publicOrigin } from '@/lib/http/request-facts';
import { errorResponse, invalidRequest } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Where the identity provider sends the browser back: the sign-in in flight (named by
 * this browser's cookie) is taken once, the code exchanged and the ID token checked, and
 * a session opened. Any failure ends on the sign-in page with what to do; success goes to
 * the return address, which is a path on this studio or "/".
 */
export async function GET(request: Request): Promise<Response> {
  const origin = publicOrigin(request);
  const forgetLogin = setCookie(OIDC_COOKIE, '', { maxAgeSeconds: 0, path: '/api/auth/oidc', secure: origin.startsWith('https:') });
  const redirect = (location: string, cookies: string[] = []) => {
    const headers = new Headers({ location, 'cache-control': 'no-store' });
    for (const cookie of [forgetLogin, ...cookies]) headers.append('set-cookie', cookie);
    return new Response(null, { status: 303, headers });
  };
  try {
    const settings = authSettings();
    if (settings.mode !== 'oidc') throw invalidRequest('This studio does not sign people in with an identity provider.', null, 'sign_in_not_used', 404);
    const db = (await gallery()).db;
    const login = await takeLogin(db, cookieValue(request.headers.get('cookie'), OIDC_COOKIE));
    if (!login) throw new OidcSignInError('expired', 'no sign-in in flight for this browser (expired, used, or started elsewhere)');
    // The address the provider redirected to, as the studio's clients see it.
    const callbackUrl = new URL(`${origin}${CALLBACK_PATH}${new URL(request.url).search}`);
    const person = await finishOidcSignIn(settings.oidc!, login, callbackUrl);
    await rememberPerson(db, person);
    return redirect(safeReturnPath(login.return_to), [await startSession(request, person, settings)]);
  } catch (error) {
    if (error instanceof OidcSignInError) {
      console.warn(`[studio] OIDC sign-in refused (${error.reason}): ${error.message}`);
      return redirect(`/sign-in?error=oidc_${error.reason}`);
    }
    return errorResponse(error, 'oidc callback');
  }
}
