/**
 * The SDK retries a 429 or 5xx after waiting as long as `retry-after` says, however long
 * that is. Through the studio a person would watch a spinner for minutes, so a response
 * that asks for a longer wait than `maxWaitMs` is marked `x-should-retry: false` (the
 * SDK's own switch): the 429 then reaches the person at once, saying when to try again.
 */
/** A `retry-after` value, in seconds or as an HTTP date, as milliseconds from `now`. */
export function retryAfterMs(raw: string | null, now = Date.now()): number | null {
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? date - now : null;
}

/** How long the SDK will wait before retrying this answer, read as the SDK reads it. */
export function retryWaitMs(headers: Headers, now = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms)) return ms;
  return retryAfterMs(headers.get('retry-after'), now);
}

export function limitRetryWait(response: Response, maxWaitMs: number): Response {
  const wait = retryWaitMs(response.headers);
  if (wait === null || wait <= maxWaitMs || response.headers.get('x-should-retry') === 'false') return response;
  const headers = new Headers(response.headers);
  headers.set('x-should-retry', 'false');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A fetch whose answers never make the SDK wait longer than `maxWaitMs` before a retry. */
export function withRetryWaitLimit(fetchImpl: typeof fetch, maxWaitMs: number): typeof fetch {
  return async (input, init) => limitRetryWait(await fetchImpl(input, init), maxWaitMs);
}
