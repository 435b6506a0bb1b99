import { withUser } from '@/lib/auth/route';
import { revokeToken, TOKEN_ID } from '@/lib/auth/tokens';
import { gallery } from '@/lib/gallery/instance';
import { invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Revokes one of the caller's own tokens: from now on it is refused with 401. */
export const DELETE = withUser('token revoke', async (_request, who, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  // Someone else's token is "not found" too: ids are not confirmed to those who do not own them.
  if (!TOKEN_ID.test(id) || !(await revokeToken((await gallery()).db, who.id, id))) throw invalidRequest('No such live token of yours.', null, 'not_found', 404);
  return json({ id, object: 'api_token', revoked: true });
});
