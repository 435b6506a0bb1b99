import { expect, test } from 'vitest';
import { relayImageStream } from './relay';

/** A controllable upstream body: push text, end it, or fail it. */
function upstream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let aborted = false;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    source: { body, abort: () => void (aborted = true) },
    push: (text: string) => controller.enqueue(new TextEncoder().encode(text)),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
    aborted: () => aborted,
  };
}

const partialFrame = (i: number) => `event: image_generation.partial_image\ndata: {"type":"image_generation.partial_image","b64_json":"p${i}","partial_image_index":${i}}\n\n`;
const completedFrame = 'event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"final"}\n\n';

/** Reads one whole event (a frame may arrive in several parts). */
async function readText(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let text = '';
  while (!text.endsWith('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  return text;
}

test('forwards each event, byte for byte, as soon as it is complete', async () => {
  const up = upstream();
  const res = relayImageStream(up.source, { expectedImages: 1, heartbeatMs: 60_000 });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  expect(res.headers.get('x-accel-buffering')).toBe('no');
  expect(res.headers.get('cache-control')).toMatch(/no-transform/);
  const reader = res.body!.getReader();
  const frame = partialFrame(0);
  up.push(frame.slice(0, 30));
  up.push(frame.slice(30));
  expect(await readText(reader)).toBe(frame);
  up.push(completedFrame + 'data: [DONE]\n\n');
  expect(await readText(reader)).toBe(completedFrame);
  up.end();
  expect((await reader.read()).done).toBe(true);
});

test('sends heartbeats while upstream is quiet and drops upstream comments', async () => {
  const up = upstream();
  const reader = relayImageStream(up.source, { expectedImages: 1, heartbeatMs: 60 }).body!.getReader();
  expect(await readText(reader)).toBe(': keep-alive\n\n');
  up.push(': upstream ping\n\n');
  up.push(completedFrame);
  up.end();
  let text = await readText(reader);
  while (text === ': keep-alive\n\n') text = await readText(reader);
  expect(text).toBe(completedFrame);
});

test('a stream that ends before its images are complete becomes an error event', async () => {
  const up = upstream();
  const reader = relayImageStream(up.source, { expectedImages: 2, heartbeatMs: 60_000 }).body!.getReader();
  up.push(completedFrame);
  up.end();
  await readText(reader);
  const text = await readText(reader);
  expect(text).toMatch(/^event: error\ndata: /);
  expect(JSON.parse(text.split('data: ')[1]!)).toMatchObject({ type: 'error', error: { code: 'stream_interrupted', message: expect.stringMatching(/Try again/) } });
});

test('a cut connection or an upstream error event becomes an actionable error event', async () => {
  const cut = upstream();
  const reader = relayImageStream(cut.source, { expectedImages: 1, heartbeatMs: 60_000 }).body!.getReader();
  cut.push(partialFrame(0));
  await readText(reader);
  cut.fail(new TypeError('terminated'));
  expect(await readText(reader)).toMatch(/event: error[\s\S]*stream_interrupted/);
  expect((await reader.read()).done).toBe(true);

  const refused = upstream();
  const r2 = relayImageStream(refused.source, { expectedImages: 1, heartbeatMs: 60_000 }).body!.getReader();
  refused.push('event: error\ndata: {"error":{"message":"blocked by safety system","type":"image_generation_user_error","param":null,"code":"moderation_blocked"}}\n\n');
  const text = await readText(r2);
  expect(JSON.parse(text.split('data: ')[1]!)).toMatchObject({ error: { code: 'moderation_blocked', message: expect.stringMatching(/Rephrase/) } });
  expect(refused.aborted()).toBe(true);
});

test('the client leaving aborts upstream, by cancel or by request signal', async () => {
  const a = upstream();
  const reader = relayImageStream(a.source, { expectedImages: 1, heartbeatMs: 60_000 }).body!.getReader();
  a.push(partialFrame(0));
  await readText(reader);
  await reader.cancel();
  expect(a.aborted()).toBe(true);

  const b = upstream();
  const client = new AbortController();
  relayImageStream(b.source, { expectedImages: 1, heartbeatMs: 60_000, signal: client.signal });
  client.abort();
  expect(b.aborted()).toBe(true);
});
