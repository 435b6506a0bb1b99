import { withUser } from '@/lib/auth/route';
import { imageJson, nextCursor, parseListQuery } from '@/lib/gallery/api';
import { gallery } from '@/lib/gallery/instance';
import { listImages } from '@/lib/gallery/repository';
import { publicOrigin } from '@/lib/http/request-facts';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/gallery?limit&cursor&q&model&endpoint&creator&mine`: newest first. */
export const GET = withUser('gallery list', async (request, who) => {
  const { filters, limit, cursor } = parseListQuery(new URL(request.url).searchParams, who.id);
  const g = await gallery();
  const page = await listImages(g.db, filters, limit, cursor);
  const origin = publicOrigin(request);
  return json({ object: 'list', data: page.map((r) => imageJson(r, origin)), next_cursor: nextCursor(page, limit) });
});
