import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (a password, a session's realm, the front door's secret) in
 * constant time: both sides are hashed to 32 bytes first, so neither the length nor the
 * first differing byte shows in the time taken.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * How a random bearer secret (an API token, a session cookie, an OIDC sign-in's cookie)
 * is kept: its SHA-256, hex. A fast hash is enough for 256 random bits.
 */
export const storedDigest = (secret: string) => createHash('sha256').update(secret).digest('hex');
