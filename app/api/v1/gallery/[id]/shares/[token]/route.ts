import { withUser } from '@/lib/auth/route';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { revokeShareAnswer } from '@/lib/gallery/share-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Revokes a link (whoever made it, the image's creator, or an admin): from now on its
 * page and its bytes answer 404.
 */
export const DELETE = withUser('share revoke', async (_request, who, { params }: { params: Promise<{ id: string; token: string }> }) => {
  const { id, token } = await params;
  const { gallery: g, record } = await imageOrNotFound(id);
  return revokeShareAnswer(who, g.db, { image: id }, token, { id: record.creator, name: record.creatorName });
});
