import { z } from 'zod';
import { withUser } from '@/lib/auth/route';
import { tokenJson } from '@/lib/auth/token-api';
import { createToken, listTokens, TOKEN_NAME_MAX } from '@/lib/auth/tokens';
import { gallery } from '@/lib/gallery/instance';
import { readJson } from '@/lib/http/read-json';
import { forbidden, invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const createSchema = z.strictObject({ name: z.string().trim().min(1).max(TOKEN_NAME_MAX) });

/** The caller's own personal API tokens, newest first (revoked ones included, marked). */
export const GET = withUser('tokens list', async (_request, who) => json({ object: 'list', data: (await listTokens((await gallery()).db, who.id)).map(tokenJson) }));

/** A new token: the only answer that ever carries the token itself. */
export const POST = withUser('token create', async (request, who) => {
  // A leaked token must not be able to mint others that outlive its revocation.
  if (who.via === 'token') throw forbidden('API tokens are created in the studio (Settings), not with another token.');
  const parsed = createSchema.safeParse(await readJson(request, 4096));
  if (!parsed.success) throw invalidRequest(`Give the token a name of 1 to ${TOKEN_NAME_MAX} characters, so you know later what uses it.`, 'name', 'invalid_value');
  const { token, record } = await createToken((await gallery()).db, who.id, parsed.data.name);
  return json({ ...tokenJson(record), token }, { status: 201 });
});
