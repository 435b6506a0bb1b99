import { z } from 'zod';
import { clientAddress } from '@/lib/http/request-facts';
import { normaliseName, NAME_MAX } from '@/lib/auth/names';
import { sameSecret } from '@/lib/http/same-secret';
import { startSession } from '@/lib/auth/start-session';
import { authSettings } from '@/lib/auth/settings';
import { recordSignInFailure, signInRefused } from '@/lib/auth/sign-in-limit';
import { gallery } from '@/lib/gallery/instance';
import { readJson } from '@/lib/http/read-json';
import { crossOrigin, errorResponse, invalidRequest, StudioError } from '@/lib/images/errors';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const body = z.strictObject({ name: z.string().max(1000), password: z.string().max(1024) });

/**
 * Password mode's sign-in: a display name and the team password. The name is never
 * looked up (there is no list of people to probe), the password is compared in
 * constant time, and failures are counted per address and for everyone, in the
 * database, so guessing is slow on every instance at once.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const settings = authSettings();
    if (settings.mode !== 'password')
      throw invalidRequest(
        settings.mode === 'open' ? 'This studio is in open mode: nobody needs to sign in.' : settings.mode === 'oidc' ? 'This studio signs people in with their identity provider.' : 'This studio signs people in through its single sign-on proxy.',
        null,
        'sign_in_not_used',
        404,
      );
    const origin = request.headers.get('origin');
    if (origin && origin !== publicOrigin(request)) throw crossOrigin('Sign in from the studio itself.');
    const parsed = body.safeParse(await readJson(request, 4096));
    if (!parsed.success) throw invalidRequest('Send your name and the team password.', String(parsed.error.issues[0]?.path[0] ?? 'password'), 'invalid_value');
    const name = normaliseName(parsed.data.name);
    // "oidc:" prefixes the ids of people an identity provider vouches for: not a name to pick.
    if (!name || /^oidc:/i.test(name)) throw invalidRequest(`Give a name of 1 to ${NAME_MAX} characters: it is shown on everything you make.`, 'name', 'invalid_name');

    const db = (await gallery()).db;
    const address = clientAddress(request.headers);
    const refused = await signInRefused(db, address, settings.signInLimit);
    if (refused)
      throw new StudioError(
        429,
        { message: `Too many wrong passwords. Try again in ${Math.ceil(refused.retryAfterSeconds / 60)} min.`, type: 'rate_limit_error', param: null, code: 'too_many_sign_in_attempts' },
        { 'retry-after': String(refused.retryAfterSeconds) },
      );
    if (!sameSecret(parsed.data.password, settings.password!)) {
      await recordSignInFailure(db, address, settings.signInLimit.windowSeconds);
      throw invalidRequest('That is not the team password.', 'password', 'wrong_password', 401);
    }
    // Names are not verified in this mode: whoever knows the password chooses one.
    return json({ name }, { headers: { 'set-cookie': await startSession(request, { personId: name, name }, settings) } });
  } catch (error) {
    return errorResponse(error, 'sign-in');
  }
}

export const GET = methodNotAllowed('POST');
