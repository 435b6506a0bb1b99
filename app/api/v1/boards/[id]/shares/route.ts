import { withUser } from '@/lib/auth/route';
import { boardOrNotFound } from '@/lib/boards/api';
import { createShareAnswer, listSharesAnswer } from '@/lib/gallery/share-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** `GET /api/v1/boards/<id>/shares`: the board's links, live and ended. */
export const GET = withUser('board shares list', async (request, _who, { params }: Params) => {
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  return listSharesAnswer(request, db, { board: board.id });
});

/** `POST` `{"expires_in_hours", "hide_prompt", "allow_download"}`: a read-only public link to the board. */
export const POST = withUser('board share create', async (request, who, { params }: Params) => {
  const { gallery: { db }, board } = await boardOrNotFound((await params).id);
  return createShareAnswer(request, who, db, { board: board.id });
});
