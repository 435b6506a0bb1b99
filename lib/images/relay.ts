import { fromUpstream, type StudioError } from './errors';
import { SSE_HEADERS, SSE_HEARTBEAT, sseEvent } from './wire';

/**
 * Relays an upstream image event stream to the client as server-sent events, one by
 * one as they arrive: nothing is buffered, idle periods carry heartbeat comments, a
 * client that goes away aborts the upstream request, and a stream that ends early or
 * fails becomes an `error` event the client can show.
 */
export type UpstreamEvent = { type: string; [key: string]: unknown };

export type RelaySource = AsyncIterable<UpstreamEvent> & { controller: AbortController };

export type RelayOptions = {
  /** Completed events expected (n); fewer means the stream was cut. */
  expectedImages: number;
  heartbeatMs: number;
  model?: string;
  /** The client's request signal: aborts upstream when the client leaves. */
  signal?: AbortSignal;
  /** Lets callers enrich or observe each event before it is sent (e.g. persist). */
  transform?: (event: UpstreamEvent) => Promise<UpstreamEvent> | UpstreamEvent;
  requestId?: string | null;
};

const isCompleted = (type: string) => type.endsWith('.completed');

export function relayImageStream(source: RelaySource, options: RelayOptions): Response {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  // Set only when the client leaves; the SDK also aborts its own controller when a
  // stream fails, so that signal cannot tell a cut from a cancel.
  let clientLeft = false;
  const abortUpstream = () => {
    clientLeft = true;
    source.controller.abort();
  };
  options.signal?.addEventListener('abort', abortUpstream, { once: true });

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastWrite = Date.now();
      const write = (chunk: Uint8Array) => {
        if (closed) return;
        controller.enqueue(chunk);
        lastWrite = Date.now();
      };
      heartbeat = setInterval(() => {
        if (Date.now() - lastWrite >= options.heartbeatMs) write(SSE_HEARTBEAT);
      }, Math.max(50, Math.floor(options.heartbeatMs / 2)));
      const fail = (error: StudioError) => write(sseEvent('error', { type: 'error', error: error.body }));

      let completed = 0;
      try {
        for await (const event of source) {
          const out = options.transform ? await options.transform(event) : event;
          write(sseEvent(out.type, out));
          if (isCompleted(out.type)) completed++;
        }
        if (!closed && !clientLeft && completed < options.expectedImages) {
          fail(fromUpstream(new Error('stream ended early'), options.model));
        }
      } catch (error) {
        if (!closed && !clientLeft) {
          const mapped = fromUpstream(error, options.model);
          if (mapped.status >= 500) console.error('[studio] stream relay:', mapped.body.code);
          fail(mapped);
        }
      } finally {
        clearInterval(heartbeat);
        options.signal?.removeEventListener('abort', abortUpstream);
        if (!closed) {
          closed = true;
          controller.close();
        }
      }
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      abortUpstream();
    },
  });
  const headers: Record<string, string> = { ...SSE_HEADERS };
  if (options.requestId) headers['x-request-id'] = options.requestId;
  return new Response(stream, { headers });
}
