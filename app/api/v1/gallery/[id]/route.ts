import { assertImageId, imageJson, notFound } from '@/lib/gallery/api';
import { gallery } from '@/lib/gallery/instance';
import { errorResponse } from '@/lib/images/errors';
import { publicOrigin } from '@/lib/images/upstream';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** One image with its lineage: the images it came from and those made from it. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    const { id } = await params;
    assertImageId(id);
    const g = await gallery();
    const record = await g.find(id);
    if (!record) throw notFound();
    const origin = publicOrigin(request);
    const { parents, children } = await g.lineage(record);
    return json({ ...imageJson(record, origin), parents: parents.map((p) => imageJson(p, origin)), children: children.map((c) => imageJson(c, origin)) });
  } catch (error) {
    return errorResponse(error, 'gallery image');
  }
}

/** Deletes the image: its row, share links, original and thumbnail, together. */
export async function DELETE(_request: Request, { params }: Params): Promise<Response> {
  try {
    const { id } = await params;
    assertImageId(id);
    if (!(await (await gallery()).remove(id))) throw notFound();
    return json({ id, object: 'gallery.image', deleted: true });
  } catch (error) {
    return errorResponse(error, 'gallery delete');
  }
}
