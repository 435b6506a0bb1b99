/**
 * Where a person may be sent after signing in: a path on this studio, never another
 * site. The value is parsed with the WHATWG URL parser (the one browsers use to follow
 * a Location header) against a stand-in origin, and kept only when it lands on that
 * same origin. So every way of writing an off-site address fails the same check,
 * however it is spelled: schemes, protocol-relative `//host`, backslashes (`/\host`),
 * tabs and newlines (which the parser drops), userinfo, percent-encoding. What comes
 * back is re-serialised from the parsed URL, never the raw input.
 */
const BASE = new URL('http://studio.invalid/');
const MAX_LENGTH = 2048;

export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return '/';
  // Only a path may come back: an absolute address, even our own, is not one.
  if (!/^\s*\//.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE.origin || url.username || url.password) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can fold `/.//evil.example` into `//evil.example`: read it back as a
  // browser would and refuse anything that leaves.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (new URL(path, BASE).origin !== BASE.origin) return '/';
  return path;
}
