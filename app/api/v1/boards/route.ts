import { withUser } from '@/lib/auth/route';
import { boardJson, createBoardBody } from '@/lib/boards/api';
import { createBoard, listBoards } from '@/lib/boards/store';
import { gallery } from '@/lib/gallery/instance';
import { readJsonAs } from '@/lib/http/read-json';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/boards`: every board, most recently changed first, with its cover and count. */
export const GET = withUser('boards list', async (request) => {
  const origin = publicOrigin(request);
  return json({ object: 'list', data: (await listBoards((await gallery()).db)).map((b) => boardJson(b, origin)) });
});

/** `POST /api/v1/boards`: a new board of the caller's, optionally with images already (a selection). */
export const POST = withUser('board create', async (request, who) => {
  const body = await readJsonAs(request, createBoardBody, 64 * 1024);
  const { db } = await gallery();
  const board = await db.transaction((tx) => createBoard(tx, { name: body.name, description: body.description ?? null, owner: who.id, imageIds: body.image_ids }));
  return json(boardJson(board, publicOrigin(request)), { status: 201 });
});
