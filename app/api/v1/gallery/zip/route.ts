import { withUser } from '@/lib/auth/route';
import { IMAGE_ID } from '@/lib/gallery/ids';
import { gallery } from '@/lib/gallery/instance';
import { findImage } from '@/lib/gallery/repository';
import { zipHeaders, zipImages } from '@/lib/gallery/zip';
import { invalidRequest } from '@/lib/images/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MOST = 200;

/** `GET /api/v1/gallery/zip?ids=img_…,img_…`: a selection (up to 200) as one zip, in the order given. */
export const GET = withUser('gallery zip', async (request) => {
  const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0 || ids.length > MOST) throw invalidRequest(`Name 1 to ${MOST} images: ?ids=img_…,img_…`, 'ids', 'invalid_value');
  const bad = ids.find((id) => !IMAGE_ID.test(id));
  if (bad) throw invalidRequest(`"${bad.slice(0, 40)}" is not an image id.`, 'ids', 'invalid_value');
  const { db, blobs } = await gallery();
  const images = (await Promise.all([...new Set(ids)].map((id) => findImage(db, id)))).filter((i) => i !== null);
  if (images.length === 0) throw invalidRequest('None of these images exists.', 'ids', 'not_found', 404);
  return new Response(zipImages(blobs, images, { name: 'selection' }), { headers: zipHeaders(`image-studio-${images.length}-images`) });
});
