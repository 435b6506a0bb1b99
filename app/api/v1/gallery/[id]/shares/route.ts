import { withUser } from '@/lib/auth/route';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { createShareAnswer, listSharesAnswer } from '@/lib/gallery/share-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export const GET = withUser('shares list', async (request, _who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  return listSharesAnswer(request, g.db, { image: id });
});

/** Anyone on the team may share an image they can see; the link remembers who made it. */
export const POST = withUser('share create', async (request, who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  return createShareAnswer(request, who, g.db, { image: id });
});
