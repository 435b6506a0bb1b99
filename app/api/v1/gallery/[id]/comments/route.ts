import { withUser } from '@/lib/auth/route';
import { commentBody, commentJson } from '@/lib/boards/api';
import { addComment, listComments } from '@/lib/boards/store';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { readJsonAs } from '@/lib/http/read-json';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** `GET /api/v1/gallery/<id>/comments`: oldest first. */
export const GET = withUser('comments list', async (_request, _who, { params }: Params) => {
  const { id } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  return json({ object: 'list', data: (await listComments(g.db, id)).map(commentJson) });
});

/** `POST` `{"body": "…"}`: up to 2,000 characters, kept and shown as plain text. */
export const POST = withUser('comment', async (request, who, { params }: Params) => {
  const { id } = await params;
  const body = await readJsonAs(request, commentBody, 16 * 1024);
  const { gallery: g } = await imageOrNotFound(id);
  return json(commentJson(await addComment(g.db, id, who.id, body.body)), { status: 201 });
});
