import { randomBytes } from 'node:crypto';
import type { Database, Sql } from '../db/types';

/**
 * Boards, picks and comments in the database. A board is a named, ordered list of
 * gallery images: everyone may see it and add to it; its owner (and the admins) rename,
 * reorder, remove and delete. Positions are rewritten whole under a lock on the board's
 * row, so reorders from two instances at once leave one consistent order.
 */
export type BoardRecord = {
  id: string;
  name: string;
  description: string | null;
  owner: string;
  ownerName: string;
  coverImageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  imageCount: number;
  /** The chosen cover, else the first image. */
  shownCoverId: string | null;
};

export type BoardImage = { imageId: string; prompt: string | null; format: string; /** An edit's source image. */ beforeId: string | null; position: number; addedBy: string; addedAt: Date; picks: number; comments: number; pickedByMe: boolean };

export type CommentRecord = { id: string; imageId: string; author: string; authorName: string; body: string; createdAt: Date; editedAt: Date | null };

export const BOARD_ID = /^brd_[0-9a-f]{32}$/;
export const COMMENT_ID = /^cmt_[0-9a-f]{32}$/;
export const newBoardId = () => `brd_${randomBytes(16).toString('hex')}`;
export const newCommentId = () => `cmt_${randomBytes(16).toString('hex')}`;

type BoardRow = {
  id: string; name: string; description: string | null; owner: string; owner_name: string | null; cover_image_id: string | null;
  created_at: Date | string; updated_at: Date | string; image_count: number; first_image_id: string | null;
};

const BOARD_SELECT = `
  select b.*, p.name as owner_name,
         (select bi.image_id from board_images bi where bi.board_id = b.id order by bi.position, bi.added_at limit 1) as first_image_id
  from boards b left join people p on p.id = b.owner`;

const fromBoardRow = (r: BoardRow): BoardRecord => ({
  id: r.id, name: r.name, description: r.description, owner: r.owner, ownerName: r.owner_name ?? r.owner, coverImageId: r.cover_image_id,
  createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at), imageCount: r.image_count, shownCoverId: r.cover_image_id ?? r.first_image_id,
});

export async function createBoard(sql: Sql, board: { name: string; description: string | null; owner: string; imageIds?: string[] }): Promise<BoardRecord> {
  const id = newBoardId();
  await sql.query('insert into boards (id, name, description, owner) values ($1, $2, $3, $4)', [id, board.name, board.description, board.owner]);
  if (board.imageIds?.length) await addImages(sql, id, board.imageIds, board.owner);
  return (await findBoard(sql, id))!;
}

export async function findBoard(sql: Sql, id: string): Promise<BoardRecord | null> {
  const { rows } = await sql.query<BoardRow>(`${BOARD_SELECT} where b.id = $1`, [id]);
  return rows[0] ? fromBoardRow(rows[0]) : null;
}

/** Every board, most recently changed first. */
export async function listBoards(sql: Sql, limit = 200): Promise<BoardRecord[]> {
  const { rows } = await sql.query<BoardRow>(`${BOARD_SELECT} order by b.updated_at desc, b.id desc limit $1`, [limit]);
  return rows.map(fromBoardRow);
}

export async function updateBoard(sql: Sql, id: string, change: { name?: string; description?: string | null; coverImageId?: string | null }): Promise<BoardRecord | null> {
  const { rows } = await sql.query<{ id: string }>(
    `update boards set name = coalesce($2, name),
       description = case when $3::boolean then $4 else description end,
       cover_image_id = case when $5::boolean then $6 else cover_image_id end,
       updated_at = clock_timestamp()
     where id = $1 returning id`,
    [id, change.name ?? null, 'description' in change, change.description ?? null, 'coverImageId' in change, change.coverImageId ?? null],
  );
  return rows[0] ? findBoard(sql, id) : null;
}

export async function deleteBoard(sql: Sql, id: string): Promise<boolean> {
  const { rows } = await sql.query('delete from boards where id = $1 returning id', [id]);
  return rows.length > 0;
}

/** Appends images (those not on the board yet) at the end, in the order given. Returns how many were added. */
export async function addImages(sql: Sql, boardId: string, imageIds: string[], addedBy: string): Promise<number> {
  // In a transaction (as the routes call it), this holds the board while the end is found.
  await sql.query('select id from boards where id = $1 for update', [boardId]);
  const { rows } = await sql.query<{ image_id: string }>(
    `insert into board_images (board_id, image_id, position, added_by)
     select $1, ids.id, coalesce((select max(position) + 1 from board_images where board_id = $1), 0) + ids.ord - 1, $3
     from unnest($2::text[]) with ordinality as ids(id, ord)
     where exists (select 1 from images where images.id = ids.id)
     on conflict (board_id, image_id) do nothing returning image_id`,
    [boardId, imageIds, addedBy],
  );
  await sql.query('update boards set updated_at = clock_timestamp() where id = $1', [boardId]);
  return rows.length;
}

export async function removeImage(sql: Sql, boardId: string, imageId: string): Promise<boolean> {
  const { rows } = await sql.query('delete from board_images where board_id = $1 and image_id = $2 returning image_id', [boardId, imageId]);
  if (rows.length) await sql.query('update boards set updated_at = clock_timestamp() where id = $1', [boardId]);
  return rows.length > 0;
}

/**
 * Puts the board's images in `order` (every image on the board, once). Under a lock on
 * the board's row, so two reorders at once apply one after the other, whole. Returns
 * false when `order` is not exactly the board's images.
 */
export async function reorder(db: Database, boardId: string, order: string[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('select id from boards where id = $1 for update', [boardId]);
    const { rows } = await tx.query<{ image_id: string }>('select image_id from board_images where board_id = $1', [boardId]);
    const current = new Set(rows.map((r) => r.image_id));
    if (order.length !== current.size || new Set(order).size !== order.length || order.some((id) => !current.has(id))) return false;
    await tx.query(
      `update board_images bi set position = ids.ord - 1
       from unnest($2::text[]) with ordinality as ids(id, ord)
       where bi.board_id = $1 and bi.image_id = ids.id`,
      [boardId, order],
    );
    await tx.query('update boards set updated_at = clock_timestamp() where id = $1', [boardId]);
    return true;
  });
}

/** A board's images in order, with how many people picked each, its comments, and whether `me` picked it. */
export async function boardImages(sql: Sql, boardId: string, me: string, limit = 100_000): Promise<BoardImage[]> {
  const { rows } = await sql.query<{ image_id: string; position: number; added_by: string; added_at: Date | string; prompt: string | null; format: string; before_id: string | null; picks: number; comments: number; picked_by_me: boolean }>(
    // The page of the board first, then each of its images' counts by index: the first screenful
    // of a 500-image board costs what a 24-image board costs.
    `with page as (select image_id, position, added_by, added_at from board_images where board_id = $1 order by position, added_at limit $3)
     select page.image_id, page.position, page.added_by, page.added_at, i.prompt, i.format, case when i.endpoint = 'edits' then i.parent_ids[1] end as before_id,
            p.picks, c.comments, p.mine as picked_by_me
     from page
     join images i on i.id = page.image_id
     cross join lateral (select count(*)::int as picks, coalesce(bool_or(person = $2), false) as mine from picks where image_id = page.image_id) p
     cross join lateral (select count(*)::int as comments from comments where image_id = page.image_id) c
     order by page.position, page.added_at`,
    [boardId, me, limit],
  );
  return rows.map((r) => ({
    imageId: r.image_id, prompt: r.prompt, format: r.format, beforeId: r.before_id, position: r.position, addedBy: r.added_by, addedAt: new Date(r.added_at), picks: r.picks, comments: r.comments, pickedByMe: r.picked_by_me,
  }));
}

export async function setPick(sql: Sql, imageId: string, person: string, picked: boolean): Promise<number> {
  if (picked) await sql.query('insert into picks (image_id, person) values ($1, $2) on conflict do nothing', [imageId, person]);
  else await sql.query('delete from picks where image_id = $1 and person = $2', [imageId, person]);
  const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from picks where image_id = $1', [imageId]);
  return rows[0]!.n;
}

/** How many people picked each of these images, and whether `me` did; images nobody picked are left out. */
export async function pickCounts(sql: Sql, imageIds: string[], me: string): Promise<Map<string, { picks: number; picked: boolean }>> {
  if (imageIds.length === 0) return new Map();
  const { rows } = await sql.query<{ image_id: string; picks: number; picked: boolean }>(
    'select image_id, count(*)::int as picks, bool_or(person = $2) as picked from picks where image_id = any($1::text[]) group by image_id',
    [imageIds, me],
  );
  return new Map(rows.map((r) => [r.image_id, { picks: r.picks, picked: r.picked }]));
}

export async function pickState(sql: Sql, imageId: string, person: string): Promise<{ picks: number; picked: boolean }> {
  const { rows } = await sql.query<{ picks: number; picked: boolean }>(
    'select count(*)::int as picks, coalesce(bool_or(person = $2), false) as picked from picks where image_id = $1',
    [imageId, person],
  );
  return rows[0]!;
}

type CommentRow = { id: string; image_id: string; author: string; author_name: string | null; body: string; created_at: Date | string; edited_at: Date | string | null };
const fromCommentRow = (r: CommentRow): CommentRecord => ({
  id: r.id, imageId: r.image_id, author: r.author, authorName: r.author_name ?? r.author, body: r.body, createdAt: new Date(r.created_at), editedAt: r.edited_at ? new Date(r.edited_at) : null,
});
const COMMENT_SELECT = 'select c.*, p.name as author_name from comments c left join people p on p.id = c.author';

export async function listComments(sql: Sql, imageId: string): Promise<CommentRecord[]> {
  const { rows } = await sql.query<CommentRow>(`${COMMENT_SELECT} where c.image_id = $1 order by c.created_at, c.id`, [imageId]);
  return rows.map(fromCommentRow);
}

export async function findComment(sql: Sql, imageId: string, id: string): Promise<CommentRecord | null> {
  const { rows } = await sql.query<CommentRow>(`${COMMENT_SELECT} where c.image_id = $1 and c.id = $2`, [imageId, id]);
  return rows[0] ? fromCommentRow(rows[0]) : null;
}

export async function addComment(sql: Sql, imageId: string, author: string, body: string): Promise<CommentRecord> {
  const id = newCommentId();
  await sql.query('insert into comments (id, image_id, author, body) values ($1, $2, $3, $4)', [id, imageId, author, body]);
  return (await findComment(sql, imageId, id))!;
}

export async function editComment(sql: Sql, imageId: string, id: string, body: string): Promise<CommentRecord | null> {
  await sql.query('update comments set body = $3, edited_at = clock_timestamp() where image_id = $1 and id = $2', [imageId, id, body]);
  return findComment(sql, imageId, id);
}

export async function deleteComment(sql: Sql, imageId: string, id: string): Promise<boolean> {
  const { rows } = await sql.query('delete from comments where image_id = $1 and id = $2 returning id', [imageId, id]);
  return rows.length > 0;
}
