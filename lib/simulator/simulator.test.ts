import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from '../models/catalogue';
import { buildCatalogue } from '../models/registry';
import { parseFaults } from './faults';
import { createSimulator } from './simulator';

const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);
const BASE = 'http://sim.test/v1';

function post(sim: ReturnType<typeof createSimulator>, body: unknown, init: { signal?: AbortSignal; key?: string } = {}) {
  return sim.handle(
    new Request(`${BASE}/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.key ?? 'k'}` },
      body: JSON.stringify(body),
      signal: init.signal,
    }),
  );
}

async function readEvents(response: Response) {
  const text = await response.text();
  return text
    .trim()
    .split('\n\n')
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.replace('event: ', ''), data: JSON.parse(dataLine!.replace('data: ', '')) as Record<string, unknown> };
    });
}

const meta = (b64: string) => sharp(Buffer.from(b64, 'base64')).metadata();
const pixels = async (b64: string) => (await sharp(Buffer.from(b64, 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true }));

/** Mean absolute difference between neighbouring pixels: high for sharp images. */
async function sharpness(b64: string) {
  const { data, info } = await pixels(b64);
  let sum = 0;
  for (let y = 0; y < info.height; y++)
    for (let x = 1; x < info.width; x++) {
      const i = (y * info.width + x) * 4;
      sum += Math.abs(data[i]! - data[i - 4]!) + Math.abs(data[i + 1]! - data[i - 3]!) + Math.abs(data[i + 2]! - data[i - 2]!);
    }
  return sum / (info.width * info.height);
}

describe('simulator generations', () => {
  const sim = createSimulator({ catalogue });

  test('answers with images of the asked size, format and count, and usage by quality', async () => {
    const res = await post(sim, { model: 'gpt-image-1', prompt: 'otter', size: '1536x1024', output_format: 'webp', n: 2, quality: 'low' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = (await res.json()) as { data: Array<{ b64_json: string }>; usage: { output_tokens: number }; size: string; quality: string; output_format: string; background: string };
    expect(body.data).toHaveLength(2);
    expect(body).toMatchObject({ size: '1536x1024', quality: 'low', output_format: 'webp', background: 'opaque' });
    expect(body.usage.output_tokens).toBe(2 * 400);
    const m = await meta(body.data[0]!.b64_json);
    expect([m.format, m.width, m.height]).toEqual(['webp', 1536, 1024]);
    expect(body.data[0]!.b64_json).not.toBe(body.data[1]!.b64_json);
    const high = (await (await post(sim, { model: 'gpt-image-1', prompt: 'otter', size: '1536x1024', quality: 'high' })).json()) as { usage: { output_tokens: number } };
    expect(high.usage.output_tokens).toBe(6208);
  });

  test('is deterministic: the same request gives the same pixels', async () => {
    const body = { model: 'gpt-image-1.5', prompt: 'a red fox', size: '1024x1024' };
    const a = (await (await post(sim, body)).json()) as { data: Array<{ b64_json: string }> };
    const b = (await (await post(sim, body)).json()) as { data: Array<{ b64_json: string }> };
    const c = (await (await post(sim, { ...body, prompt: 'a blue fox' })).json()) as { data: Array<{ b64_json: string }> };
    expect(a.data[0]!.b64_json).toBe(b.data[0]!.b64_json);
    expect(a.data[0]!.b64_json).not.toBe(c.data[0]!.b64_json);
  });

  test('honours transparent backgrounds with real alpha, and jpeg compression', async () => {
    const t = (await (await post(sim, { model: 'gpt-image-1', prompt: 'sticker', background: 'transparent', size: '1024x1024' })).json()) as { data: Array<{ b64_json: string }>; background: string };
    expect(t.background).toBe('transparent');
    const { data } = await pixels(t.data[0]!.b64_json);
    let clear = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 0) clear++;
    expect(clear / (data.length / 4)).toBeGreaterThan(0.2);
    const q = async (c: number) => ((await (await post(sim, { model: 'gpt-image-1', prompt: 'p', output_format: 'jpeg', output_compression: c })).json()) as { data: Array<{ b64_json: string }> }).data[0]!.b64_json.length;
    expect(await q(10)).toBeLessThan((await q(95)) / 2);
  });

  test('dall-e-3 revises the prompt and returns a url that serves the image for 60 minutes', async () => {
    let now = 1_800_000_000;
    const timed = createSimulator({ catalogue, nowSeconds: () => now });
    const res = await post(timed, { model: 'dall-e-3', prompt: 'A white siamese cat', n: 1, size: '1024x1024' });
    const body = (await res.json()) as { data: Array<{ url: string; revised_prompt: string }>; usage?: unknown };
    expect(body.usage).toBeUndefined();
    expect(body.data[0]!.revised_prompt).toMatch(/white siamese cat/);
    expect(body.data[0]!.url.startsWith(`${BASE}/images/files/`)).toBe(true);
    const image = await timed.handle(new Request(body.data[0]!.url));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(1024);
    const tampered = await timed.handle(new Request(body.data[0]!.url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))));
    expect(tampered.status).toBe(404);
    now += 3601;
    const expired = await timed.handle(new Request(body.data[0]!.url));
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ error: { code: 'url_expired' } });
  });

  test('streams partial images that sharpen in order, then the completed image', async () => {
    const res = await post(sim, { model: 'gpt-image-1', prompt: 'harbour', size: '1024x1024', stream: true, partial_images: 3 });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = await readEvents(res);
    expect(events.map((e) => e.event)).toEqual([
      'image_generation.partial_image', 'image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed',
    ]);
    expect(events.map((e) => e.data.partial_image_index)).toEqual([0, 1, 2, undefined]);
    const scores = await Promise.all(events.map((e) => sharpness(e.data.b64_json as string)));
    expect(scores[0]!).toBeLessThan(scores[1]!);
    expect(scores[1]!).toBeLessThan(scores[2]!);
    expect(scores[2]!).toBeLessThan(scores[3]!);
    expect(events[3]!.data).toMatchObject({ type: 'image_generation.completed', size: '1024x1024', quality: 'high', output_format: 'png', usage: { output_tokens: 4160 + 300 } });
  });

  test('partial_images 0 sends only the completed event', async () => {
    const events = await readEvents(await post(sim, { model: 'gpt-image-1', prompt: 'x', stream: true, partial_images: 0 }));
    expect(events.map((e) => e.event)).toEqual(['image_generation.completed']);
  });

  test('validates with the catalogue and answers in the error envelope', async () => {
    const res = await post(sim, { model: 'dall-e-3', prompt: 'x', n: 2 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: 'n', code: 'invalid_value' } });
    const bad = await sim.handle(new Request(`${BASE}/images/generations`, { method: 'POST', body: '{nope' }));
    expect(bad.status).toBe(400);
  });

  test('checks the API key when it has one, echoing only a masked key', async () => {
    const keyed = createSimulator({ catalogue, apiKey: 'sk-right-key-123456' });
    expect((await post(keyed, { model: 'gpt-image-1', prompt: 'x' }, { key: 'sk-right-key-123456' })).status).toBe(200);
    const wrong = await post(keyed, { model: 'gpt-image-1', prompt: 'x' }, { key: 'sk-wrong-key-987654' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).toMatch(/sk-\*\*\*\*7654|sk-w\*\*\*\*7654/);
  });
});

describe('simulator faults', () => {
  const sim = createSimulator({ catalogue, retiredModels: ['dall-e-2'] });

  test('parses directives from the prompt', () => {
    expect(parseFaults('a cat sim:429=3 sim:latency=20 sim:cut=2')).toMatchObject({ rateLimitSeconds: 3, latencyMs: 20, cutAfterEvents: 2, refuse: false });
    expect(parseFaults('a simple cat')).toMatchObject({ refuse: false, rateLimitSeconds: null });
  });

  test('refuses a trigger prompt as moderation does, per family', async () => {
    const gpt = await post(sim, { model: 'gpt-image-1', prompt: 'sim:refuse' });
    expect(gpt.status).toBe(400);
    expect(await gpt.json()).toMatchObject({ error: { code: 'moderation_blocked', type: 'image_generation_user_error' } });
    const dalle = await post(sim, { model: 'dall-e-3', prompt: 'sim:refuse' });
    expect(await dalle.json()).toMatchObject({ error: { code: 'content_policy_violation' } });
  });

  test('rate limits with retry-after, fails with 500/503, refuses retired models', async () => {
    const limited = await post(sim, { model: 'gpt-image-1', prompt: 'sim:429=7' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('retry-after-ms')).toBe('7000');
    expect((await post(sim, { model: 'gpt-image-1', prompt: 'sim:500' })).status).toBe(500);
    expect((await post(sim, { model: 'gpt-image-1', prompt: 'sim:503' })).status).toBe(503);
    const retired = await post(sim, { model: 'dall-e-2', prompt: 'x' });
    expect(retired.status).toBe(404);
    expect(await retired.json()).toMatchObject({ error: { code: 'model_not_found' } });
    expect((await post(sim, { model: 'gpt-image-1.5', prompt: 'sim:retired' })).status).toBe(404);
  });

  test('cuts a stream midway', async () => {
    const res = await post(sim, { model: 'gpt-image-1', prompt: 'sim:cut=1', stream: true, partial_images: 2 });
    await expect(res.text()).rejects.toThrow(/cut/);
  });

  test('waits the asked latency before each event and counts an aborted stream', async () => {
    sim.reset();
    const controller = new AbortController();
    const started = performance.now();
    const res = await post(sim, { model: 'gpt-image-1', prompt: 'slow sim:latency=150', stream: true, partial_images: 2 }, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    controller.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(() => sim.stats().aborted).toBe(1);
    expect(sim.stats().active).toBe(0);
  });
});

test('a hang rejects as a dropped connection does, also when the caller gave up before it began', async () => {
  const sim = createSimulator({ catalogue });
  const later = new AbortController();
  const pending = post(sim, { model: 'gpt-image-1.5', prompt: 'sim:hang' }, { signal: later.signal });
  setTimeout(() => later.abort(new DOMException('timed out', 'TimeoutError')), 20);
  await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
  const early = new AbortController();
  early.abort(new DOMException('gone', 'AbortError'));
  await expect(post(sim, { model: 'gpt-image-1.5', prompt: 'sim:hang' }, { signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });
  expect(sim.stats().aborted).toBe(2);
});
