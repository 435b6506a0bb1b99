import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a password in constant time: both sides are hashed to 32 bytes first, so
 * neither the length nor the first differing byte shows in the time taken.
 */
export function passwordMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
