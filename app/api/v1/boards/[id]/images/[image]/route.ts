import { withUser } from '@/lib/auth/route';
import { assertOwner, boardOrNotFound } from '@/lib/boards/api';
import { removeImage } from '@/lib/boards/store';
import { invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; image: string }> };

/** `DELETE /api/v1/boards/<id>/images/<image>`: off the board (owner or admin); the image stays in the gallery. */
export const DELETE = withUser('board remove image', async (_request, who, { params }: Params) => {
  const { id, image } = await params;
  const { gallery: { db }, board } = await boardOrNotFound(id);
  assertOwner(who, board, 'remove images from it');
  if (!(await removeImage(db, board.id, image))) throw invalidRequest('That image is not on this board.', null, 'not_found', 404);
  return json({ board_id: board.id, image_id: image, removed: true });
});
