import { assertImageId, notFound } from '@/lib/gallery/api';
import { SHARE_TOKEN } from '@/lib/gallery/ids';
import { gallery } from '@/lib/gallery/instance';
import { revokeShare } from '@/lib/gallery/shares';
import { errorResponse } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Revokes a link: from now on its page and its bytes answer 404. */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string; token: string }> }): Promise<Response> {
  try {
    const { id, token } = await params;
    assertImageId(id);
    if (!SHARE_TOKEN.test(token)) throw notFound('share link');
    if (!(await revokeShare((await gallery()).db, id, token))) throw notFound('share link');
    return json({ token, object: 'gallery.share', revoked: true });
  } catch (error) {
    return errorResponse(error, 'share revoke');
  }
}
