import { withUser } from '@/lib/auth/route';
import { pickState, setPick } from '@/lib/boards/store';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const answer = (id: string, picked: boolean, picks: number) => json({ image_id: id, object: 'gallery.pick', picked, picks });

/** `GET /api/v1/gallery/<id>/pick`: whether the caller picked it, and how many people did. */
export const GET = withUser('pick read', async (_request, who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  const state = await pickState(g.db, id, who.id);
  return answer(id, state.picked, state.picks);
});

/** `PUT`: the caller's pick (a star); `DELETE`: unpicked. Both idempotent. */
export const PUT = withUser('pick', async (_request, who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  return answer(id, true, await setPick(g.db, id, who.id, true));
});

export const DELETE = withUser('unpick', async (_request, who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  return answer(id, false, await setPick(g.db, id, who.id, false));
});
