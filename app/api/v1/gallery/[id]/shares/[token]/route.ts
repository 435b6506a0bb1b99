import { mayManage } from '@/lib/auth/require';
import { withUser } from '@/lib/auth/route';
import { assertImageId, notFound } from '@/lib/gallery/api';
import { SHARE_TOKEN } from '@/lib/gallery/ids';
import { gallery } from '@/lib/gallery/instance';
import { findShare, revokeShare } from '@/lib/gallery/shares';
import { forbidden } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Revokes a link (whoever made it, the image's creator, or an admin): from now on its
 * page and its bytes answer 404.
 */
export const DELETE = withUser('share revoke', async (_request, who, { params }: { params: Promise<{ id: string; token: string }> }) => {
  const { id, token } = await params;
  assertImageId(id);
  if (!SHARE_TOKEN.test(token)) throw notFound('share link');
  const g = await gallery();
  const [share, image] = await Promise.all([findShare(g.db, id, token), g.find(id)]);
  if (!share || !image || share.revokedAt) throw notFound('share link');
  if (!mayManage(who, image.creator) && share.createdBy !== who.id) throw forbidden(`Only whoever made this link, ${image.creatorName} or an admin can revoke it.`);
  if (!(await revokeShare(g.db, id, token))) throw notFound('share link');
  return json({ token, object: 'gallery.share', revoked: true });
});
