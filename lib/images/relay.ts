import OpenAI from 'openai';
import { fromUpstream, type StudioError } from './errors';
import { frameData, frameEventName, isCommentFrame, SseFramer, type Frame } from './sse-frames';
import { SSE_HEADERS, SSE_HEARTBEAT, sseEvent } from './wire';

/**
 * Relays an upstream image event stream to the client, event by event as each one
 * completes. Frames are forwarded as the bytes upstream sent (no decode, parse or
 * re-encode of image data), idle periods carry heartbeat comments, a client that goes
 * away aborts the upstream request, and a stream that fails or ends before its images
 * are complete ends with an `error` event the client can show.
 */
export type RelaySource = {
  /** The upstream response body (server-sent events). */
  body: ReadableStream<Uint8Array>;
  /** Aborts the upstream request. */
  abort(): void;
};

export type RelayOptions = {
  /** Completed events expected (n); fewer means the stream was cut. */
  expectedImages: number;
  heartbeatMs: number;
  model?: string;
  /** The client's request signal: aborts upstream when the client leaves. */
  signal?: AbortSignal;
  requestId?: string | null;
  /**
   * Called with each completed event before it is sent: the client hears an image is
   * done only once this resolves (the studio saves it here), and gets what it returns.
   */
  onCompleted?: (event: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Called once when the relay is over, however it ended (the studio settles the spend). */
  onEnd?: () => void;
};

type FrameKind = { kind: 'forward'; completed: boolean } | { kind: 'skip' } | { kind: 'error'; error: StudioError };

/** What a frame is. Only error frames and frames without an `event:` line are parsed. */
function classify(frame: Frame, model: string | undefined): FrameKind {
  if (isCommentFrame(frame)) return { kind: 'skip' };
  const name = frameEventName(frame);
  if (name && name !== 'error') return { kind: 'forward', completed: name.endsWith('.completed') };
  const data = frameData(frame) as { type?: string; error?: unknown } | string | null;
  if (data === '[DONE]' || data === null) return { kind: 'skip' };
  if (typeof data === 'object' && (data.error || name === 'error' || data.type === 'error'))
    return { kind: 'error', error: fromUpstream(new OpenAI.APIError(undefined, (data.error ?? data) as object, undefined, undefined), model) };
  return { kind: 'forward', completed: typeof data === 'object' && Boolean(data.type?.endsWith('.completed')) };
}

export function relayImageStream(source: RelaySource, options: RelayOptions): Response {
  const reader = source.body.getReader();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  // Set only when the client leaves, so a cut upstream is reported and a cancel is not.
  let clientLeft = false;
  const leave = () => {
    clientLeft = true;
    source.abort();
    reader.cancel().catch(() => {});
  };
  options.signal?.addEventListener('abort', leave, { once: true });
  // Gone before the relay began (its abort event already fired): stop upstream at once.
  if (options.signal?.aborted) leave();

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastWrite = Date.now();
      const write = (chunk: Uint8Array) => {
        if (closed) return;
        controller.enqueue(chunk);
        lastWrite = Date.now();
      };
      const fail = (error: StudioError) => write(sseEvent('error', { type: 'error', error: error.body }));
      const framer = new SseFramer();
      heartbeat = setInterval(() => {
        if (Date.now() - lastWrite >= options.heartbeatMs && framer.atBoundary) write(SSE_HEARTBEAT);
      }, Math.max(50, Math.floor(options.heartbeatMs / 2)));

      let completed = 0;
      let failed = false;
      const handle = async (frame: Frame) => {
        const what = classify(frame, options.model);
        if (what.kind === 'error') {
          failed = true;
          fail(what.error);
        } else if (what.kind === 'forward' && what.completed && options.onCompleted) {
          const event = frameData(frame) as Record<string, unknown>;
          try {
            const out = await options.onCompleted(event);
            write(sseEvent(String(out.type ?? event.type), out));
            completed++;
          } catch (error) {
            failed = true;
            fail(fromUpstream(error, options.model));
          }
        } else if (what.kind === 'forward') {
          for (const part of frame) write(part);
          if (what.completed) completed++;
        }
      };
      try {
        while (!failed) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const frame of framer.push(value)) {
            await handle(frame);
            if (failed) break;
          }
        }
        const rest = failed ? null : framer.flush();
        if (rest) await handle(rest);
        if (!failed && !clientLeft && completed < options.expectedImages) fail(fromUpstream(new Error('stream ended early'), options.model));
      } catch (error) {
        if (!clientLeft) {
          const mapped = fromUpstream(error, options.model);
          console.error('[studio] stream relay:', mapped.body.code);
          fail(mapped);
        }
      } finally {
        clearInterval(heartbeat);
        options.signal?.removeEventListener('abort', leave);
        if (failed) source.abort();
        if (!closed) {
          closed = true;
          controller.close();
        }
        options.onEnd?.();
      }
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      leave();
    },
  });
  const headers: Record<string, string> = { ...SSE_HEADERS };
  if (options.requestId) headers['x-request-id'] = options.requestId;
  return new Response(stream, { headers });
}
