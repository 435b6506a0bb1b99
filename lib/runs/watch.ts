import { SSE_HEADERS, SSE_HEARTBEAT } from '../images/wire';
import type { RunHub } from './hub';
import { isTerminalEvent, sseFrame } from './run-json';
import type { RunEvent } from './store';

const encoder = new TextEncoder();

/**
 * `GET /runs/<id>/events`: every event after `after` (what a reconnecting client
 * missed, or the whole run), then the live ones, each once and in order, until the run
 * ends. The stream closes after the final event; a watcher leaving stops nothing.
 */
export async function watchRun(hub: RunHub, runId: string, after: number, options: { signal: AbortSignal; heartbeatMs: number }): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let last = after;
  let ready = false;
  let closed = false;
  const early: RunEvent[] = [];
  let lastWrite = Date.now();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let stop = () => {};

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stop();
    try {
      controller.close();
    } catch {
      // Already closed by the client leaving.
    }
  };
  const send = (event: RunEvent) => {
    if (closed || event.seq <= last) return;
    last = event.seq;
    controller.enqueue(encoder.encode(sseFrame(event)));
    lastWrite = Date.now();
    if (isTerminalEvent(event.type)) close();
  };

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      stop();
    },
  });
  const watched = await hub.watch(runId, after, (event) => (ready ? send(event) : early.push(event)));
  const untrack = hub.trackWatcher(close);
  stop = () => {
    watched.stop();
    untrack();
  };
  for (const event of watched.backlog) send(event);
  ready = true;
  for (const event of early.sort((a, b) => a.seq - b.seq)) send(event);
  if (!closed) {
    heartbeat = setInterval(() => {
      if (Date.now() - lastWrite >= options.heartbeatMs && !closed) {
        controller.enqueue(SSE_HEARTBEAT);
        lastWrite = Date.now();
      }
    }, Math.max(50, Math.floor(options.heartbeatMs / 2)));
    options.signal.addEventListener('abort', close, { once: true });
  }
  return new Response(stream, { headers: SSE_HEADERS });
}
