import { withUser } from '@/lib/auth/route';
import { parseListQuery } from '@/lib/gallery/api';
import { gallery } from '@/lib/gallery/instance';
import { galleryPage } from '@/lib/gallery/list-page';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/gallery?limit&cursor&q&model&endpoint&creator&mine&inputs&picked`: newest first, each with its picks. */
export const GET = withUser('gallery list', async (request, who) => {
  const query = parseListQuery(new URL(request.url).searchParams, who.id);
  const { db } = await gallery();
  return json(await galleryPage(db, query, who.id, publicOrigin(request)));
});
