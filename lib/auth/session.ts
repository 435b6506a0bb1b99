import { createHash, createHmac, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AuthSettings } from './settings';

/**
 * The session cookie of the password mode: `<payload>.<signature>`, both base64url, the
 * payload `{ n: name, e: expiry (epoch seconds) }`, signed with HMAC-SHA-256. The key is
 * derived from the team password (and STUDIO_SESSION_SECRET, when set) with scrypt, so
 * every instance with the same configuration accepts the same cookies, changing the
 * password signs everybody out, and a stolen cookie is no cheap way to guess the password.
 */
export const SESSION_COOKIE = 'studio_session';

const keys = new Map<string, Buffer>();

function sessionKey(settings: AuthSettings): Buffer {
  const material = `${settings.password ?? ''}\u0000${settings.sessionSecret ?? ''}`;
  const id = createHash('sha256').update(material).digest('hex');
  let key = keys.get(id);
  if (!key) {
    key = scryptSync(material, 'image-studio session key v1', 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    if (keys.size > 8) keys.clear();
    keys.set(id, key);
  }
  return key;
}

const sign = (payload: string, settings: AuthSettings) => createHmac('sha256', sessionKey(settings)).update(payload).digest('base64url');

export function createSession(name: string, settings: AuthSettings, now = Date.now()): { value: string; maxAgeSeconds: number } {
  const maxAgeSeconds = Math.round(settings.sessionDays * 86_400);
  const payload = Buffer.from(JSON.stringify({ n: name, e: Math.floor(now / 1000) + maxAgeSeconds })).toString('base64url');
  return { value: `${payload}.${sign(payload, settings)}`, maxAgeSeconds };
}

/** The name a valid, unexpired cookie carries; null for anything else. */
export function readSession(value: string | undefined, settings: AuthSettings, now = Date.now()): string | null {
  if (!value || value.length > 1024) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(payload, settings), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { n?: unknown; e?: unknown };
    if (typeof data.n !== 'string' || typeof data.e !== 'number' || data.e * 1000 <= now) return null;
    return data.n;
  } catch {
    return null;
  }
}

/**
 * Compares a password in constant time: both sides are hashed to 32 bytes first, so
 * neither the length nor the first differing byte shows in the time taken.
 */
export function passwordMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Reads one cookie from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
