import { createParser } from 'eventsource-parser';

/** One server-sent event as a client sees it. */
export type SeenEvent = { id: number; event: string; data: Record<string, unknown> };

/**
 * Reads a run's event stream (GET /api/v1/runs/<id>/events) until it ends, or until
 * `until` says to stop (then the connection is dropped, as a closed tab drops it).
 */
export async function readRunEvents(
  url: string,
  options: { headers?: Record<string, string>; until?: (event: SeenEvent, seen: SeenEvent[]) => boolean } = {},
): Promise<SeenEvent[]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...options.headers }, signal: controller.signal });
  if (!response.ok) throw new Error(`events answered ${response.status}: ${await response.text()}`);
  const seen: SeenEvent[] = [];
  let stop = false;
  const parser = createParser({
    onEvent(message) {
      if (stop) return;
      const event = { id: Number(message.id), event: message.event ?? 'message', data: JSON.parse(message.data) as Record<string, unknown> };
      seen.push(event);
      if (options.until?.(event, seen)) stop = true;
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (!stop) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } finally {
    controller.abort();
  }
  return seen;
}

/** Polls a run until `done` holds for it. */
export async function waitForRun<T extends { status: string }>(read: () => Promise<T>, done: (run: T) => boolean = (r) => !['queued', 'running'].includes(r.status), timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await read();
    if (done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
