import type { Sql } from '../db/types';

/** Gallery rows: the metadata of every image the studio keeps. */
export type ImageRecord = {
  id: string;
  createdAt: Date;
  /** The person id it is filed under (see lib/auth/identity). */
  creator: string;
  /** Their name to show: from `people` for those an identity provider knows, else the id itself. */
  creatorName: string;
  endpoint: string;
  model: string;
  prompt: string | null;
  revisedPrompt: string | null;
  options: Record<string, unknown>;
  width: number;
  height: number;
  format: string;
  byteSize: number;
  blobKey: string;
  thumbKey: string;
  usage: Record<string, unknown> | null;
  /** What the image was expected to cost before it was sent. */
  estimatedUsd: number | null;
  costUsd: number | null;
  requestId: string | null;
  parentIds: string[];
  /** The markup layer (a kept input image) the edit was guided by, drawn over its first parent. */
  markupId: string | null;
  contentSha256: string | null;
};

type Row = {
  id: string; created_at: Date; creator: string; endpoint: string; model: string; prompt: string | null; revised_prompt: string | null;
  options: Record<string, unknown>; width: number; height: number; format: string; byte_size: number; blob_key: string; thumb_key: string;
  usage: Record<string, unknown> | null; cost_usd: number | null; estimated_usd: number | null; request_id: string | null; parent_ids: string[]; markup_id?: string | null; content_sha256: string | null;
  creator_name?: string | null;
};

/** Rows with their creator's name to show. */
const SELECT = 'select images.*, people.name as creator_name from images left join people on people.id = images.creator';

const fromRow = (r: Row): ImageRecord => ({
  id: r.id, createdAt: new Date(r.created_at), creator: r.creator, creatorName: r.creator_name ?? r.creator, endpoint: r.endpoint, model: r.model, prompt: r.prompt,
  revisedPrompt: r.revised_prompt, options: r.options, width: r.width, height: r.height, format: r.format, byteSize: r.byte_size,
  blobKey: r.blob_key, thumbKey: r.thumb_key, usage: r.usage, costUsd: r.cost_usd === null ? null : Number(r.cost_usd),
  estimatedUsd: r.estimated_usd == null ? null : Number(r.estimated_usd),
  requestId: r.request_id, parentIds: r.parent_ids ?? [], markupId: r.markup_id ?? null, contentSha256: r.content_sha256 ?? null,
});

export async function insertImage(sql: Sql, record: Omit<ImageRecord, 'createdAt' | 'creatorName'>): Promise<ImageRecord> {
  const { rows } = await sql.query<Row>(
    `insert into images (id, creator, endpoint, model, prompt, revised_prompt, options, width, height, format, byte_size, blob_key, thumb_key, usage, cost_usd, request_id, parent_ids, content_sha256, estimated_usd, markup_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) returning *`,
    [record.id, record.creator, record.endpoint, record.model, record.prompt, record.revisedPrompt, JSON.stringify(record.options), record.width, record.height,
      record.format, record.byteSize, record.blobKey, record.thumbKey, record.usage === null ? null : JSON.stringify(record.usage), record.costUsd, record.requestId, record.parentIds,
      record.contentSha256, record.estimatedUsd, record.markupId],
  );
  return fromRow(rows[0]!);
}

export async function findImage(sql: Sql, id: string): Promise<ImageRecord | null> {
  const { rows } = await sql.query<Row>(`${SELECT} where images.id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** A board's images in its order (boards live in lib/boards; their rows are images like any other). */
export async function boardImageRecords(sql: Sql, boardId: string): Promise<ImageRecord[]> {
  const { rows } = await sql.query<Row>(`${SELECT} join board_images bi on bi.image_id = images.id where bi.board_id = $1 order by bi.position, bi.added_at`, [boardId]);
  return rows.map(fromRow);
}

export async function existingIds(sql: Sql, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await sql.query<{ id: string }>('select id from images where id = any($1)', [ids]);
  return new Set(rows.map((r) => r.id));
}

export async function deleteImageRow(sql: Sql, id: string): Promise<ImageRecord | null> {
  const { rows } = await sql.query<Row>('delete from images where id = $1 returning *', [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export type Cursor = { createdAt: string; id: string };
export type ListFilters = {
  q?: string;
  model?: string;
  endpoint?: string;
  creator?: string;
  /** Leave out the input images of edits and variations (the gallery page's default). */
  hideInputs?: boolean;
  /** Only images this person picked. */
  pickedBy?: string;
};

/** Newest first, `limit` at a time, continuing after `cursor` (keyset pagination). */
export async function listImages(sql: Sql, filters: ListFilters, limit: number, cursor?: Cursor): Promise<ImageRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (filters.model) add((n) => `images.model = $${n}`, filters.model);
  if (filters.endpoint) add((n) => `images.endpoint = $${n}`, filters.endpoint);
  if (filters.creator) add((n) => `images.creator = $${n}`, filters.creator);
  if (filters.hideInputs) where.push("images.endpoint <> 'uploads'");
  if (filters.pickedBy) add((n) => `exists (select 1 from picks where picks.image_id = images.id and picks.person = $${n})`, filters.pickedBy);
  if (filters.q) add((n) => `(images.prompt ilike $${n} or images.revised_prompt ilike $${n})`, `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (cursor) {
    params.push(cursor.createdAt, cursor.id);
    where.push(`(images.created_at, images.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit);
  const { rows } = await sql.query<Row>(
    `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by images.created_at desc, images.id desc limit $${params.length}`,
    params,
  );
  return rows.map(fromRow);
}

export async function childrenOf(sql: Sql, id: string): Promise<ImageRecord[]> {
  const { rows } = await sql.query<Row>(`${SELECT} where $1 = any(images.parent_ids) order by images.created_at desc limit 50`, [id]);
  return rows.map(fromRow);
}

/** Everyone who has made an image, for the gallery's creator filter: their id and name. */
export async function listCreators(sql: Sql): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await sql.query<{ id: string; name: string }>(
    `select c.creator as id, coalesce(people.name, c.creator) as name
     from (select distinct creator from images) c left join people on people.id = c.creator order by 2 limit 200`,
  );
  return rows;
}

/** The oldest image with exactly these bytes, if the gallery has one. */
export async function findByContent(sql: Sql, sha256: string): Promise<ImageRecord | null> {
  const { rows } = await sql.query<Row>(`${SELECT} where images.content_sha256 = $1 order by images.created_at asc limit 1`, [sha256]);
  return rows[0] ? fromRow(rows[0]) : null;
}
