import { expect, test } from 'vitest';
import { relayImageStream, type RelaySource, type UpstreamEvent } from './relay';

/** A controllable upstream: push events, end it, or fail it. */
function upstream() {
  const controller = new AbortController();
  const queue: Array<UpstreamEvent | Error | null> = [];
  let wake: (() => void) | null = null;
  const push = (item: UpstreamEvent | Error | null) => {
    queue.push(item);
    wake?.();
  };
  const source: RelaySource = {
    controller,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (controller.signal.aborted) return;
        const item = queue.shift();
        if (item === undefined) {
          await new Promise<void>((r) => {
            wake = r;
            controller.signal.addEventListener('abort', () => r(), { once: true });
          });
          continue;
        }
        if (item === null) return;
        if (item instanceof Error) throw item;
        yield item;
      }
    },
  };
  return { source, push, controller };
}

const partial = (i: number): UpstreamEvent => ({ type: 'image_generation.partial_image', b64_json: `p${i}`, partial_image_index: i });
const completed: UpstreamEvent = { type: 'image_generation.completed', b64_json: 'final' };

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const { value } = await reader.read();
  return new TextDecoder().decode(value);
}

test('relays each event as soon as it arrives', async () => {
  const up = upstream();
  const res = relayImageStream(up.source, { expectedImages: 1, heartbeatMs: 60_000 });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  expect(res.headers.get('x-accel-buffering')).toBe('no');
  expect(res.headers.get('cache-control')).toMatch(/no-transform/);
  const reader = res.body!.getReader();
  up.push(partial(0));
  expect(await readChunk(reader)).toBe(`event: image_generation.partial_image\ndata: ${JSON.stringify(partial(0))}\n\n`);
  up.push(completed);
  expect(await readChunk(reader)).toContain('event: image_generation.completed');
  up.push(null);
  expect((await reader.read()).done).toBe(true);
});

test('sends heartbeats while upstream is quiet', async () => {
  const up = upstream();
  const reader = relayImageStream(up.source, { expectedImages: 1, heartbeatMs: 60 }).body!.getReader();
  expect(await readChunk(reader)).toBe(': keep-alive\n\n');
  up.push(completed);
  up.push(null);
  expect(await readChunk(reader)).toContain('completed');
});

test('a stream that ends before its images are complete becomes an error event', async () => {
  const up = upstream();
  const reader = relayImageStream(up.source, { expectedImages: 2, heartbeatMs: 60_000 }).body!.getReader();
  up.push(completed);
  up.push(null);
  await readChunk(reader);
  const text = await readChunk(reader);
  expect(text).toMatch(/^event: error\ndata: /);
  expect(JSON.parse(text.split('data: ')[1]!)).toMatchObject({ type: 'error', error: { code: 'stream_interrupted', message: expect.stringMatching(/Try again/) } });
});

test('an upstream failure midway becomes an error event', async () => {
  const up = upstream();
  const reader = relayImageStream(up.source, { expectedImages: 1, heartbeatMs: 60_000 }).body!.getReader();
  up.push(partial(0));
  await readChunk(reader);
  up.push(new TypeError('terminated'));
  expect(await readChunk(reader)).toMatch(/event: error/);
  expect((await reader.read()).done).toBe(true);
});

test('the client leaving aborts upstream, by cancel or by request signal', async () => {
  const a = upstream();
  const reader = relayImageStream(a.source, { expectedImages: 1, heartbeatMs: 60_000 }).body!.getReader();
  a.push(partial(0));
  await readChunk(reader);
  await reader.cancel();
  expect(a.controller.signal.aborted).toBe(true);

  const b = upstream();
  const client = new AbortController();
  relayImageStream(b.source, { expectedImages: 1, heartbeatMs: 60_000, signal: client.signal });
  client.abort();
  expect(b.controller.signal.aborted).toBe(true);
});
