import type { Sql } from '../db/types';
import { newShareToken } from './ids';
import type { ImageRecord } from './repository';
import { findImage } from './repository';

/**
 * Share links: a random token that opens one image and nothing else. A link can
 * expire, can hide the prompt, and can be revoked; after either, it is simply unknown.
 */
export type ShareLink = { token: string; imageId: string; createdAt: Date; expiresAt: Date | null; hidePrompt: boolean; revokedAt: Date | null; createdBy: string | null };

type Row = { token: string; image_id: string; created_at: Date; expires_at: Date | null; hide_prompt: boolean; revoked_at: Date | null; created_by: string | null };
const fromRow = (r: Row): ShareLink => ({
  token: r.token, imageId: r.image_id, createdAt: new Date(r.created_at), expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  hidePrompt: r.hide_prompt, revokedAt: r.revoked_at ? new Date(r.revoked_at) : null, createdBy: r.created_by ?? null,
});

export async function createShare(sql: Sql, imageId: string, options: { expiresAt: Date | null; hidePrompt: boolean; createdBy?: string }): Promise<ShareLink> {
  const { rows } = await sql.query<Row>(
    'insert into share_links (token, image_id, expires_at, hide_prompt, created_by) values ($1, $2, $3, $4, $5) returning *',
    [newShareToken(), imageId, options.expiresAt?.toISOString() ?? null, options.hidePrompt, options.createdBy ?? null],
  );
  return fromRow(rows[0]!);
}

export async function listShares(sql: Sql, imageId: string): Promise<ShareLink[]> {
  const { rows } = await sql.query<Row>('select * from share_links where image_id = $1 order by created_at desc', [imageId]);
  return rows.map(fromRow);
}

export async function findShare(sql: Sql, imageId: string, token: string): Promise<ShareLink | null> {
  const { rows } = await sql.query<Row>('select * from share_links where token = $1 and image_id = $2', [token, imageId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Revokes one of an image's links; false when the image has no such live link. */
export async function revokeShare(sql: Sql, imageId: string, token: string): Promise<boolean> {
  const { rows } = await sql.query<Row>('update share_links set revoked_at = now() where token = $1 and image_id = $2 and revoked_at is null returning *', [token, imageId]);
  return rows.length > 0;
}

/** The image a live link opens, or null for an unknown, revoked or expired link. */
export async function openShare(sql: Sql, token: string, now = new Date()): Promise<{ share: ShareLink; image: ImageRecord } | null> {
  const { rows } = await sql.query<Row>('select * from share_links where token = $1', [token]);
  const share = rows[0] ? fromRow(rows[0]) : null;
  if (!share || share.revokedAt || (share.expiresAt && share.expiresAt <= now)) return null;
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
    created_at: share.createdAt.toISOString(),
    expires_at: share.expiresAt?.toISOString() ?? null,
    hide_prompt: share.hidePrompt,
    revoked_at: share.revokedAt?.toISOString() ?? null,
    state: shareState(share),
    created_by: share.createdBy,
  };
}
export type ShareJson = ReturnType<typeof shareJson>;
