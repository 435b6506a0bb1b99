import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OutputFormat } from './render';

/**
 * `response_format: url` results. Like upstream's signed blob URLs they expire after
 * 60 minutes. The token carries what is needed to redraw the picture (the simulator is
 * deterministic), so any instance can serve it and nothing is stored.
 */
export type FileClaims = {
  seed: string;
  width: number;
  height: number;
  format: OutputFormat;
  transparent: boolean;
  detail: number;
  vivid: boolean;
  /** Expiry, Unix seconds. */
  exp: number;
};

export const URL_LIFETIME_SECONDS = 60 * 60;

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function createFileToken(claims: FileClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export type TokenCheck = { ok: true; claims: FileClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function readFileToken(token: string, secret: string, nowSeconds: number): TokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let claims: FileClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FileClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.exp < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
