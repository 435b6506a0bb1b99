/**
 * The address a request came from, for counting failed sign-ins. Next.js hands route
 * handlers no socket, so this is the last hop of X-Forwarded-For: the one the nearest
 * reverse proxy appended. Without a proxy a client can send any value it likes (checked:
 * `next start` passes the header through), so the per-address count is only as good as
 * the proxy in front; the count for everyone is the limit that always holds.
 */
export function clientAddress(headers: Headers): string {
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return hops[hops.length - 1] ?? headers.get('x-real-ip')?.trim() ?? 'unknown';
}
