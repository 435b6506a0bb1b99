import { SESSION_COOKIE } from '@/lib/auth/session';
import { methodNotAllowed } from '@/lib/http/method-not-allowed';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Ends the browser's session (password mode); harmless in the other modes. */
export function POST(): Response {
  return json({ signed_out: true }, { headers: { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` } });
}

export const GET = methodNotAllowed('POST');
