import 'server-only';
import { z } from 'zod';
import type { Identity } from '../auth/identity';
import { mayManage } from '../auth/require';
import type { Sql } from '../db/types';
import { readJsonAs } from '../http/read-json';
import { publicOrigin } from '../http/request-facts';
import { forbidden } from '../images/errors';
import { json } from '../images/wire';
import { notFound } from './api';
import { SHARE_TOKEN } from './ids';
import { createShare, findShare, listShares, revokeShare, shareJson, type ShareTarget } from './shares';

/**
 * The share-link routes of images and boards: one body, one set of rules. Anyone on
 * the team may share what they can see (the link remembers who made it); a link is
 * revoked by whoever made it, the owner of what it opens, or an admin.
 */
const createBody = z.strictObject({
  /** Hours until the link stops working; absent or null for a link that does not expire. */
  expires_in_hours: z.number().positive().max(24 * 365).nullable().optional(),
  hide_prompt: z.boolean().optional(),
  /** Boards: whether the link offers the board as a zip (default yes). */
  allow_download: z.boolean().optional(),
});

export async function listSharesAnswer(request: Request, sql: Sql, of: ShareTarget): Promise<Response> {
  const origin = publicOrigin(request);
  return json({ object: 'list', data: (await listShares(sql, of)).map((s) => shareJson(s, origin)) });
}

export async function createShareAnswer(request: Request, who: Identity, sql: Sql, to: ShareTarget): Promise<Response> {
  const body = await readJsonAs(request, createBody, 4096);
  const hours = body.expires_in_hours ?? null;
  const share = await createShare(sql, to, {
    expiresAt: hours === null ? null : new Date(Date.now() + hours * 3600_000),
    hidePrompt: body.hide_prompt ?? false,
    allowDownload: body.allow_download ?? true,
    createdBy: who.id,
  });
  return json(shareJson(share, publicOrigin(request)), { status: 201 });
}

/** `owner` made what the link opens (an image's creator, a board's owner). */
export async function revokeShareAnswer(who: Identity, sql: Sql, of: ShareTarget, token: string, owner: { id: string; name: string }): Promise<Response> {
  if (!SHARE_TOKEN.test(token)) throw notFound('share link');
  const share = await findShare(sql, of, token);
  if (!share || share.revokedAt) throw notFound('share link');
  if (!mayManage(who, owner.id) && share.createdBy !== who.id) throw forbidden(`Only whoever made this link, ${owner.name} or an admin can revoke it.`);
  if (!(await revokeShare(sql, of, token))) throw notFound('share link');
  return json({ token, object: 'gallery.share', revoked: true });
}
