import type { Sql } from '../db/types';
import { newShareToken } from './ids';
import type { ImageRecord } from './repository';
import { findImage } from './repository';

/**
 * Share links: a random token that opens one image, or one board, and nothing else. A
 * link can expire, can hide the prompt(s), can forbid downloading a board as a zip, and
 * can be revoked; after either, it is simply unknown. One table and one code path for
 * both kinds.
 */
export type ShareTarget = { image: string } | { board: string };

export type ShareLink = {
  token: string;
  imageId: string | null;
  boardId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  hidePrompt: boolean;
  allowDownload: boolean;
  revokedAt: Date | null;
  createdBy: string | null;
};

type Row = {
  token: string; image_id: string | null; board_id: string | null; created_at: Date; expires_at: Date | null; hide_prompt: boolean; allow_download: boolean;
  revoked_at: Date | null; created_by: string | null;
};
const fromRow = (r: Row): ShareLink => ({
  token: r.token, imageId: r.image_id, boardId: r.board_id ?? null, createdAt: new Date(r.created_at), expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  hidePrompt: r.hide_prompt, allowDownload: r.allow_download ?? true, revokedAt: r.revoked_at ? new Date(r.revoked_at) : null, createdBy: r.created_by ?? null,
});

/** The column naming what a link opens, and its id. */
const target = (t: ShareTarget): [string, string] => ('image' in t ? ['image_id', t.image] : ['board_id', t.board]);

export async function createShare(sql: Sql, to: ShareTarget, options: { expiresAt: Date | null; hidePrompt: boolean; allowDownload?: boolean; createdBy?: string }): Promise<ShareLink> {
  const [column, id] = target(to);
  const { rows } = await sql.query<Row>(
    `insert into share_links (token, ${column}, expires_at, hide_prompt, allow_download, created_by) values ($1, $2, $3, $4, $5, $6) returning *`,
    [newShareToken(), id, options.expiresAt?.toISOString() ?? null, options.hidePrompt, options.allowDownload ?? true, options.createdBy ?? null],
  );
  return fromRow(rows[0]!);
}

export async function listShares(sql: Sql, of: ShareTarget): Promise<ShareLink[]> {
  const [column, id] = target(of);
  const { rows } = await sql.query<Row>(`select * from share_links where ${column} = $1 order by created_at desc`, [id]);
  return rows.map(fromRow);
}

export async function findShare(sql: Sql, of: ShareTarget, token: string): Promise<ShareLink | null> {
  const [column, id] = target(of);
  const { rows } = await sql.query<Row>(`select * from share_links where token = $1 and ${column} = $2`, [token, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Revokes one of an image's or a board's links; false when it has no such live link. */
export async function revokeShare(sql: Sql, of: ShareTarget, token: string): Promise<boolean> {
  const [column, id] = target(of);
  const { rows } = await sql.query<Row>(`update share_links set revoked_at = now() where token = $1 and ${column} = $2 and revoked_at is null returning *`, [token, id]);
  return rows.length > 0;
}

/** A live link (not unknown, revoked or expired), whatever it opens. */
export async function liveShare(sql: Sql, token: string, now = new Date()): Promise<ShareLink | null> {
  const { rows } = await sql.query<Row>('select * from share_links where token = $1', [token]);
  const share = rows[0] ? fromRow(rows[0]) : null;
  if (!share || share.revokedAt || (share.expiresAt && share.expiresAt <= now)) return null;
  return share;
}

/** The image a live image link opens, or null. */
export async function openShare(sql: Sql, token: string, now = new Date()): Promise<{ share: ShareLink; image: ImageRecord } | null> {
  const share = await liveShare(sql, token, now);
  if (!share?.imageId) return null;
  const image = await findImage(sql, share.imageId);
  return image ? { share, image } : null;
}

export const shareState = (share: ShareLink, now = new Date()) =>
  share.revokedAt ? 'revoked' : share.expiresAt && share.expiresAt <= now ? 'expired' : 'active';

export function shareJson(share: ShareLink, origin: string) {
  return {
    token: share.token,
    object: 'gallery.share' as const,
    url: `${origin}/s/${share.token}`,
    image_id: share.imageId,
    board_id: share.boardId,
    created_at: share.createdAt.toISOString(),
    expires_at: share.expiresAt?.toISOString() ?? null,
    hide_prompt: share.hidePrompt,
    allow_download: share.allowDownload,
    revoked_at: share.revokedAt?.toISOString() ?? null,
    state: shareState(share),
    created_by: share.createdBy,
  };
}
export type ShareJson = ReturnType<typeof shareJson>;
