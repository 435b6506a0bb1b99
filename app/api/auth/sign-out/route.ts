import { sessionCookieOf } from '@/lib/auth/identity';
import { endSessionByToken } from '@/lib/auth/sessions';
import { clearSessionCookie } from '@/lib/auth/start-session';
import { gallery } from '@/lib/gallery/instance';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { errorResponse } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Ends the browser's session on the server (password and OIDC modes), so the cookie stops
 * working everywhere at once, even a copy of it; then forgets it in the browser. Harmless
 * in the other modes. (Ending a session is no harm a forged request could do, so no
 * Origin check: a stale tab must always be able to sign out.)
 */
export async function POST(request: Request): Promise<Response> {
  try {
    await endSessionByToken((await gallery()).db, sessionCookieOf(request.headers));
    return json({ signed_out: true }, { headers: { 'set-cookie': clearSessionCookie(request) } });
  } catch (error) {
    return errorResponse(error, 'sign-out');
  }
}

export const GET = methodNotAllowed('POST');
