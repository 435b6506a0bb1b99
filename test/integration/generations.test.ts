import OpenAI from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudio } from '../support/studio-server';

/** The studio's real route handlers over HTTP, called with the official SDK. */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;

beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  process.env.SIMULATOR_LATENCY_MS = '0';
  studio = await startStudio();
  client = new OpenAI({ apiKey: 'not-needed-in-open-mode', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
});
afterAll(() => studio.close());

const decode = (b64: string) => sharp(Buffer.from(b64, 'base64')).metadata();

describe('images.generate through the studio', () => {
  test('returns images of the asked size and format', async () => {
    const result = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'A cute baby sea otter', size: '1536x1024', output_format: 'jpeg', output_compression: 80, n: 2 });
    expect(result.data).toHaveLength(2);
    expect(result).toMatchObject({ size: '1536x1024', output_format: 'jpeg', background: 'opaque' });
    expect(result.usage?.output_tokens).toBeGreaterThan(0);
    expect(result._request_id).toMatch(/^req_/);
    for (const image of result.data!) {
      const m = await decode(image.b64_json!);
      expect([m.format, m.width, m.height]).toEqual(['jpeg', 1536, 1024]);
    }
  });

  test('gpt-image-2 makes any allowed WIDTHxHEIGHT, dated snapshot included', async () => {
    const result = await client.images.generate({ model: 'gpt-image-2-2026-04-21', prompt: 'wide', size: '1536x864' as never });
    const m = await decode(result.data![0]!.b64_json!);
    expect([m.width, m.height]).toEqual([1536, 864]);
  });

  test('transparent backgrounds come back with an alpha channel', async () => {
    const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'sticker', background: 'transparent', output_format: 'webp' });
    const m = await decode(result.data![0]!.b64_json!);
    expect(m.format).toBe('webp');
    expect(m.hasAlpha).toBe(true);
  });

  test('dall-e-3 answers with a url (fetchable, PNG) and a revised prompt', async () => {
    const result = await client.images.generate({ model: 'dall-e-3', prompt: 'A white siamese cat', size: '1792x1024', quality: 'hd', style: 'natural' });
    const image = result.data![0]!;
    expect(image.revised_prompt).toMatch(/natural.*white siamese cat/);
    const bytes = Buffer.from(await (await fetch(image.url!)).arrayBuffer());
    const m = await sharp(bytes).metadata();
    expect([m.format, m.width, m.height]).toEqual(['png', 1792, 1024]);
  });

  test('without a model, the wire defaults apply (dall-e-2, or gpt-image-1 for GPT-only options)', async () => {
    const dalle = await client.images.generate({ prompt: 'default model', response_format: 'b64_json', size: '256x256' });
    expect((await decode(dalle.data![0]!.b64_json!)).width).toBe(256);
    const gpt = await client.images.generate({ prompt: 'default model', output_format: 'webp' });
    expect(gpt.output_format).toBe('webp');
  });

  test('streaming yields partial images in order, then the completed image', async () => {
    const stream = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'A lighthouse', stream: true, partial_images: 3, size: '1024x1024' });
    const events: OpenAI.Images.ImageGenStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual([
      'image_generation.partial_image', 'image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed',
    ]);
    expect(events.slice(0, 3).map((e) => (e as OpenAI.Images.ImageGenPartialImageEvent).partial_image_index)).toEqual([0, 1, 2]);
    const done = events[3] as OpenAI.Images.ImageGenCompletedEvent;
    expect(done.usage.output_tokens).toBeGreaterThan(0);
    expect((await decode(done.b64_json)).width).toBe(1024);
  });

  test('idle streams carry heartbeat comments between events', async () => {
    process.env.STUDIO_HEARTBEAT_MS = '100';
    try {
      const res = await fetch(`${studio.url}/api/v1/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-image-1', prompt: 'slow sim:latency=450', stream: true, partial_images: 1 }),
      });
      expect(res.headers.get('x-accel-buffering')).toBe('no');
      const text = await res.text();
      const beforeFirstEvent = text.slice(0, text.indexOf('event: '));
      expect(beforeFirstEvent.match(/: keep-alive\n\n/g)?.length).toBeGreaterThanOrEqual(2);
      expect(text).toContain('event: image_generation.completed');
    } finally {
      delete process.env.STUDIO_HEARTBEAT_MS;
    }
  });

  test('GET /models lists what the studio offers, with capabilities', async () => {
    const models = [];
    for await (const m of client.models.list()) models.push(m);
    expect(models.map((m) => m.id)).toContain('gpt-image-2');
    const res = (await (await fetch(`${studio.url}/api/v1/models`)).json()) as { upstream: string; data: Array<{ id: string; available: boolean; endpoints: Record<string, unknown> }> };
    expect(res.upstream).toBe('simulator');
    expect(res.data.find((m) => m.id === 'dall-e-3')).toMatchObject({ available: true, endpoints: { generations: expect.any(Object) } });
  });

  test('GET /models/{model} (models.retrieve) answers one model; an unknown one is 404 model_not_found', async () => {
    expect(await client.models.retrieve('gpt-image-1')).toMatchObject({ id: 'gpt-image-1', object: 'model', owned_by: 'openai' });
    const missing = await client.models.retrieve('no-such-model').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const unknown = (await (await fetch(`${studio.url}/api/v1/nope`)).json()) as { error: { message: string } };
    expect(unknown.error.message).toContain('GET /api/v1/models/{model}');
  });
});

describe('bad requests raise the SDK error with the parameter named', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['dall-e-3 with n=2', { model: 'dall-e-3', prompt: 'x', n: 2 }, 'n'],
    ['style on gpt-image-1', { model: 'gpt-image-1', prompt: 'x', style: 'vivid' }, 'style'],
    ['size 1000x1000 on gpt-image-2', { model: 'gpt-image-2', prompt: 'x', size: '1000x1000' }, 'size'],
    ['transparent background with jpeg', { model: 'gpt-image-1', prompt: 'x', background: 'transparent', output_format: 'jpeg' }, 'background'],
    ['prompt too long', { model: 'dall-e-2', prompt: 'x'.repeat(1001) }, 'prompt'],
    ['response_format on a GPT image model', { model: 'gpt-image-1', prompt: 'x', response_format: 'url' }, 'response_format'],
  ];
  test.each(cases)('%s', async (_name, body, param) => {
    const error = await client.images.generate(body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).not.toMatch(/undefined/);
  });

  test('an unknown model is a 404 naming model', async () => {
    const error = await client.images.generate({ model: 'dall-e-9', prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).param).toBe('model');
  });
});

describe('malformed bodies get the error envelope', () => {
  const post = (body: BodyInit, type = 'application/json') => fetch(`${studio.url}/api/v1/images/generations`, { method: 'POST', headers: { 'content-type': type }, body });

  test('unknown endpoints and wrong methods answer in the envelope', async () => {
    const unknown = await fetch(`${studio.url}/api/v1/images/remix`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_url', type: 'invalid_request_error' } });
    const get = await fetch(`${studio.url}/api/v1/images/generations`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  test('broken JSON is 400, a wrong content type 415, a huge body 413', async () => {
    const broken = await post('{"prompt": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json', type: 'invalid_request_error' } });
    const form = await post('prompt=x', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    const huge = await post(JSON.stringify({ prompt: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'request_too_large' } });
    const array = await post('[1,2]');
    expect(array.status).toBe(400);
  });
});
