import { withUser } from '@/lib/auth/route';
import { addImagesBody, assertOwner, boardImageJson, boardOrNotFound, reorderBody } from '@/lib/boards/api';
import { addImages, boardImages, reorder } from '@/lib/boards/store';
import { gallery } from '@/lib/gallery/instance';
import { readJsonAs } from '@/lib/http/read-json';
import { publicOrigin } from '@/lib/http/request-facts';
import { invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const listed = async (request: Request, boardId: string, me: string) => {
  const origin = publicOrigin(request);
  return json({ object: 'list', data: (await boardImages((await gallery()).db, boardId, me)).map((i) => boardImageJson(i, origin)) });
};

/** `POST /api/v1/boards/<id>/images` `{"image_ids": [...]}`: anyone adds images, at the end, in that order. */
export const POST = withUser('board add images', async (request, who, { params }: Params) => {
  const body = await readJsonAs(request, addImagesBody, 64 * 1024);
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  await db.transaction((tx) => addImages(tx, board.id, body.image_ids, who.id));
  return listed(request, board.id, who.id);
});

/** `PUT /api/v1/boards/<id>/images` `{"image_ids": [...]}`: the whole order, every image once (owner or admin). */
export const PUT = withUser('board reorder', async (request, who, { params }: Params) => {
  const body = await readJsonAs(request, reorderBody, 256 * 1024);
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  assertOwner(who, board, 'reorder it');
  if (!(await reorder(db, board.id, body.image_ids)))
    throw invalidRequest('Send every image of the board once, in the new order (it may have changed: load it again).', 'image_ids', 'invalid_value', 409);
  return listed(request, board.id, who.id);
});
