import { mayManage } from '@/lib/auth/require';
import { withUser } from '@/lib/auth/route';
import { imageJson, notFound } from '@/lib/gallery/api';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { forbidden } from '@/lib/images/errors';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** One image with its lineage: the images it came from and those made from it. */
export const GET = withUser('gallery image', async (request, _who, { params }: Params) => {
  const { gallery: g, record } = await imageOrNotFound((await params).id);
  const origin = publicOrigin(request);
  const { parents, children } = await g.lineage(record);
  return json({ ...imageJson(record, origin), parents: parents.map((p) => imageJson(p, origin)), children: children.map((c) => imageJson(c, origin)) });
});

/** Deletes the image (its creator or an admin): its row, share links, original and thumbnail, together. */
export const DELETE = withUser('gallery delete', async (_request, who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g, record } = await imageOrNotFound(id);
  if (!mayManage(who, record.creator)) throw forbidden(`Only ${record.creatorName} or an admin can delete this image.`);
  if (!(await g.remove(id))) throw notFound();
  return json({ id, object: 'gallery.image', deleted: true });
});
