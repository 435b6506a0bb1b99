/**
 * The address a request came from, for counting failed sign-ins. Next.js hands route
 * handlers no socket, so this is the last hop of X-Forwarded-For (the one the nearest
 * proxy, or Next.js itself, appended), which a client cannot forge by sending its own.
 */
export function clientAddress(headers: Headers): string {
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return hops[hops.length - 1] ?? headers.get('x-real-ip')?.trim() ?? 'unknown';
}
