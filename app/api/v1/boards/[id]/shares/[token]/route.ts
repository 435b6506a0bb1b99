import { withUser } from '@/lib/auth/route';
import { boardOrNotFound } from '@/lib/boards/api';
import { revokeShareAnswer } from '@/lib/gallery/share-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Revokes a board's link (its maker, the board's owner, or an admin): its page, images and zip answer 404 at once. */
export const DELETE = withUser('board share revoke', async (_request, who, { params }: { params: Promise<{ id: string; token: string }> }) => {
  const { id, token } = await params;
  const { gallery: { db }, board } = await boardOrNotFound(id);
  return revokeShareAnswer(who, db, { board: board.id }, token, { id: board.owner, name: board.ownerName });
});
