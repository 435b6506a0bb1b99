import { OIDC_COOKIE, setCookie } from '@/lib/auth/cookies';
import { beginOidcSignIn, CALLBACK_PATH, OidcSignInError } from '@/lib/auth/oidc';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authSettings } from '@/lib/auth/settings';
import { gallery } from '@/lib/gallery/instance';
import { publicOrigin } from '@/lib/http/request-facts';
import { errorResponse, invalidRequest } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The sign-in page's "Sign in with …": sends the browser to the identity provider, with
 * where to come back to (`next`, kept only if it is a path on this studio).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const settings = authSettings();
    if (settings.mode !== 'oidc') throw invalidRequest('This studio does not sign people in with an identity provider.', null, 'sign_in_not_used', 404);
    const origin = publicOrigin(request);
    const returnTo = safeReturnPath(new URL(request.url).searchParams.get('next'));
    const { url, loginId, maxAgeSeconds } = await beginOidcSignIn((await gallery()).db, settings.oidc!, `${origin}${CALLBACK_PATH}`, returnTo);
    return new Response(null, {
      status: 303,
      headers: {
        location: url.href,
        'cache-control': 'no-store',
        'set-cookie': setCookie(OIDC_COOKIE, loginId, { maxAgeSeconds, path: '/api/auth/oidc', secure: origin.startsWith('https:') }),
      },
    });
  } catch (error) {
    if (error instanceof OidcSignInError) {
      console.error(`[studio] OIDC sign-in could not start: ${error.message}`);
      return new Response(null, { status: 303, headers: { location: `/sign-in?error=oidc_${error.reason}`, 'cache-control': 'no-store' } });
    }
    return errorResponse(error, 'oidc start');
  }
}
