/**
 * The Images API's wire shapes shared by the studio's routes and the simulator:
 * the error envelope and server-sent event framing.
 */

export type ErrorBody = { message: string; type: string; param: string | null; code: string | null };

export function errorJson(status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: body }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(data), { ...init, headers });
}

const encoder = new TextEncoder();

/** One server-sent event, named and carrying one JSON object on one data line. */
export function sseEvent(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A comment line: ignored by SSE parsers, keeps idle connections and proxies open. */
export const SSE_HEARTBEAT = encoder.encode(': keep-alive\n\n');

/** Headers that stop proxies and browsers from buffering or transforming a stream. */
export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};
