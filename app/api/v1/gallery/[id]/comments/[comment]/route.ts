import { withUser } from '@/lib/auth/route';
import { assertAuthor, commentBody, commentJson, commentOrNotFound } from '@/lib/boards/api';
import { deleteComment, editComment } from '@/lib/boards/store';
import { imageOrNotFound } from '@/lib/gallery/lookup';
import { readJsonAs } from '@/lib/http/read-json';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string; comment: string }> };

/** `PATCH` `{"body": "…"}`: its author edits it. */
export const PATCH = withUser('comment edit', async (request, who, { params }: Params) => {
  const { id, comment: commentId } = await params;
  const body = await readJsonAs(request, commentBody, 16 * 1024);
  const { gallery: g } = await imageOrNotFound(id);
  assertAuthor(who, await commentOrNotFound(g.db, id, commentId), 'edit');
  return json(commentJson((await editComment(g.db, id, commentId, body.body))!));
});

/** `DELETE`: its author (or an admin) deletes it. */
export const DELETE = withUser('comment delete', async (_request, who, { params }: Params) => {
  const { id, comment: commentId } = await params;
  const { gallery: g } = await imageOrNotFound(id);
  assertAuthor(who, await commentOrNotFound(g.db, id, commentId), 'delete');
  await deleteComment(g.db, id, commentId);
  return json({ id: commentId, object: 'gallery.comment', deleted: true });
});
