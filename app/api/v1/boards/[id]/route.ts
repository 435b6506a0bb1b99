import { withUser } from '@/lib/auth/route';
import { assertOwner, boardImageJson, boardJson, boardOrNotFound, updateBoardBody } from '@/lib/boards/api';
import { boardImages, deleteBoard, updateBoard } from '@/lib/boards/store';
import { readJsonAs } from '@/lib/http/read-json';
import { publicOrigin } from '@/lib/http/request-facts';
import { invalidRequest } from '@/lib/images/errors';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** `GET /api/v1/boards/<id>`: the board and its images in order, each with its picks and comment count. */
export const GET = withUser('board read', async (request, who, { params }: Params) => {
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  const origin = publicOrigin(request);
  return json({ ...boardJson(board, origin), images: (await boardImages(db, board.id, who.id)).map((i) => boardImageJson(i, origin)) });
});

/** `PATCH /api/v1/boards/<id>`: rename, describe, choose the cover (owner or admin). */
export const PATCH = withUser('board update', async (request, who, { params }: Params) => {
  const body = await readJsonAs(request, updateBoardBody, 16 * 1024);
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  assertOwner(who, board, 'change it');
  if (body.cover_image_id) {
    const onBoard = await boardImages(db, board.id, who.id);
    if (!onBoard.some((i) => i.imageId === body.cover_image_id)) throw invalidRequest('The cover must be one of the board’s images.', 'cover_image_id', 'invalid_value');
  }
  const change = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.cover_image_id !== undefined ? { coverImageId: body.cover_image_id } : {}),
  };
  return json(boardJson((await updateBoard(db, board.id, change))!, publicOrigin(request)));
});

/** `DELETE /api/v1/boards/<id>`: the board and its links go; its images stay in the gallery. */
export const DELETE = withUser('board delete', async (_request, who, { params }: Params) => {
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  assertOwner(who, board, 'delete it');
  await deleteBoard(db, board.id);
  return json({ id: board.id, object: 'board', deleted: true });
});
