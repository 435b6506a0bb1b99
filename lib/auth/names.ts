/**
 * Display names: what people type at sign-in or an SSO proxy sends. They become the
 * creator of everything a person makes, so they are normalised (NFC, trimmed, inner
 * whitespace collapsed) and kept to printable text of a sensible length.
 */
export const NAME_MAX = 64;

export function normaliseName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!name || name.length > NAME_MAX) return null;
  // No control or format characters (which could disguise one name as another).
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return null;
  return name;
}
