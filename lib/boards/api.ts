import 'server-only';
import { z } from 'zod';
import type { Identity } from '../auth/identity';
import { mayManage } from '../auth/require';
import type { Sql } from '../db/types';
import { IMAGE_ID } from '../gallery/ids';
import { gallery } from '../gallery/instance';
import { forbidden, invalidRequest } from '../images/errors';
import { BOARD_ID, COMMENT_ID, findBoard, findComment, type BoardImage, type BoardRecord, type CommentRecord } from './store';

/** The boards API's wire shapes, bodies and who may do what. */
export function boardJson(board: BoardRecord, origin: string) {
  return {
    id: board.id,
    object: 'board' as const,
    name: board.name,
    description: board.description,
    owner: board.ownerName,
    owner_id: board.owner,
    cover_image_id: board.shownCoverId,
    cover_chosen: board.coverImageId !== null,
    cover_url: board.shownCoverId ? `${origin}/api/v1/gallery/${board.shownCoverId}/thumbnail` : null,
    image_count: board.imageCount,
    created_at: board.createdAt.toISOString(),
    updated_at: board.updatedAt.toISOString(),
    board_url: `${origin}/boards/${board.id}`,
  };
}

export const boardImageJson = (image: BoardImage, origin: string) => ({
  image_id: image.imageId,
  prompt: image.prompt,
  format: image.format,
  before_image_id: image.beforeId,
  position: image.position,
  added_by: image.addedBy,
  added_at: image.addedAt.toISOString(),
  picks: image.picks,
  picked: image.pickedByMe,
  comments: image.comments,
  thumbnail_url: `${origin}/api/v1/gallery/${image.imageId}/thumbnail`,
  image_url: `${origin}/api/v1/gallery/${image.imageId}/image`,
});

/** A comment's text goes out as text: pages render it as a text node, never as HTML. */
export const commentJson = (comment: CommentRecord) => ({
  id: comment.id,
  object: 'gallery.comment' as const,
  image_id: comment.imageId,
  author: comment.authorName,
  author_id: comment.author,
  body: comment.body,
  created_at: comment.createdAt.toISOString(),
  edited_at: comment.editedAt?.toISOString() ?? null,
});

const name = z.string().trim().min(1, 'a board needs a name').max(120);
const description = z.string().trim().max(2000).nullable();
const imageIds = z.array(z.string().regex(IMAGE_ID, 'not an image id')).max(500);

export const createBoardBody = z.strictObject({ name, description: description.optional(), image_ids: imageIds.optional() });
export const updateBoardBody = z.strictObject({ name: name.optional(), description: description.optional(), cover_image_id: z.string().regex(IMAGE_ID).nullable().optional() });
export const addImagesBody = z.strictObject({ image_ids: imageIds.min(1) });
export const reorderBody = z.strictObject({ image_ids: z.array(z.string().regex(IMAGE_ID, 'not an image id')).max(5000) });
export const commentBody = z.strictObject({ body: z.string().trim().min(1, 'write something').max(2000, 'at most 2,000 characters') });

const boardNotFound = () => invalidRequest('No such board. It may have been deleted.', null, 'not_found', 404);

/** The gallery and the board a route names (anyone signed in may see it); a malformed or unknown id is the same 404. */
export async function boardOrNotFound(id: string) {
  const g = await gallery();
  const board = BOARD_ID.test(id) ? await findBoard(g.db, id) : null;
  if (!board) throw boardNotFound();
  return { gallery: g, board };
}

/** Renaming, reordering, removing and deleting are for the board's owner and the admins. */
export function assertOwner(who: Identity, board: BoardRecord, what: string) {
  if (!mayManage(who, board.owner)) throw forbidden(`Only ${board.ownerName}, who made this board, or an admin may ${what}.`);
}

export async function commentOrNotFound(sql: Sql, imageId: string, id: string): Promise<CommentRecord> {
  const comment = COMMENT_ID.test(id) ? await findComment(sql, imageId, id) : null;
  if (!comment) throw invalidRequest('No such comment. It may have been deleted.', null, 'not_found', 404);
  return comment;
}

/** Editing and deleting a comment are for its author (deleting, also for the admins). */
export function assertAuthor(who: Identity, comment: CommentRecord, what: 'edit' | 'delete') {
  const allowed = what === 'edit' ? who.id === comment.author || who.via === 'open' : mayManage(who, comment.author);
  if (!allowed) throw forbidden(`Only ${comment.authorName}, who wrote this comment, may ${what} it${what === 'delete' ? ' (or an admin)' : ''}.`);
}
