import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { gallery } from '@/lib/gallery/instance';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/** Upstream failures injected in the simulator reach SDK users as actionable errors. */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const stats = async () => (await (await fetch(`${studio.url}/api/simulator/v1/__simulator/stats`)).json()) as { requests: number; aborted: number; active: number };

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());
beforeEach(async () => {
  process.env.OPENAI_MAX_RETRIES = '0';
  delete process.env.OPENAI_TIMEOUT_MS;
  await fetch(`${studio.url}/api/simulator/v1/__simulator/reset`, { method: 'POST' });
});

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected failure'); }, (e: unknown) => e as InstanceType<typeof OpenAI.APIError>);

describe('upstream faults', () => {
  test('a rate limit is a 429 that says when to retry', async () => {
    const e = await failure(client.images.generate({ model: 'gpt-image-1', prompt: 'sim:429=3' }));
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e.headers?.get('retry-after')).toBe('3');
    expect(e.message).toMatch(/Try again in 3 seconds/);
  });

  test('the studio retries upstream 5xx with the SDK, then reports the outage', async () => {
    process.env.OPENAI_MAX_RETRIES = '2';
    const e = await failure(client.images.generate({ model: 'gpt-image-1', prompt: 'sim:500' }));
    expect(e.status).toBe(502);
    expect(e.message).toMatch(/image service had a problem/);
    expect((await stats()).requests).toBe(3);
  });

  test('a refusal is a 400 with the moderation code and what to do', async () => {
    const e = await failure(client.images.generate({ model: 'gpt-image-1', prompt: 'please sim:refuse' }));
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.code).toBe('moderation_blocked');
    expect(e.message).toMatch(/Rephrase the prompt/);
  });

  test('a retired model is a 404 that suggests choosing another', async () => {
    const e = await failure(client.images.generate({ model: 'dall-e-2', prompt: 'sim:retired' }));
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.message).toMatch(/Choose another model/);
  });

  test('a stream cut midway ends in an error event the SDK raises', async () => {
    const stream = await client.images.generate({ model: 'gpt-image-1', prompt: 'sim:cut=1', stream: true, partial_images: 2 });
    const seen: string[] = [];
    const e = await failure((async () => { for await (const ev of stream) seen.push(ev.type); })());
    expect(seen).toEqual(['image_generation.partial_image']);
    expect(e).toBeInstanceOf(OpenAI.APIError);
    expect(e.message).toMatch(/broke before the image was finished/);
  });

  test('a client that cancels mid-stream aborts the upstream request', async () => {
    const controller = new AbortController();
    const stream = await client.images.generate({ model: 'gpt-image-1', prompt: 'slow sim:latency=2000', stream: true, partial_images: 3 }, { signal: controller.signal });
    for await (const event of stream) {
      expect(event.type).toBe('image_generation.partial_image');
      controller.abort();
    }
    await expect.poll(async () => (await stats()).aborted, { timeout: 5000 }).toBe(1);
    expect((await stats()).active).toBe(0);
  });
});

/** What the studio holds: gallery rows, stored objects, and spend not released. */
async function footprint() {
  const g = await gallery();
  const count = async (sql: string) => (await g.db.query<{ n: number }>(sql)).rows[0]!.n;
  let blobs = 0;
  for await (const blob of g.blobs.list('')) if (blob) blobs++;
  return { rows: await count('select count(*)::int as n from images'), blobs, charged: await count("select count(*)::int as n from spend_ledger where state <> 'released'") };
}

const png = async () => {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: 256, height: 256, channels: 4, background: { r: 40, g: 90, b: 200, alpha: 1 } } }).png().toBuffer();
};

describe('a failed request leaves nothing behind and costs nothing', () => {
  const streamToEnd = async (p: Promise<AsyncIterable<unknown>>) => { for await (const event of await p) void event; };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['an upstream 500', () => client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:500' })],
    ['a refusal', () => client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:refuse' })],
    ['a retired model', () => client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:retired' })],
    ['a rate limit', () => client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:429=30' })],
    ['a stream cut midway', () => streamToEnd(client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:cut=2', stream: true, partial_images: 3 }))],
    ['a timeout', () => { process.env.OPENAI_TIMEOUT_MS = '300'; return client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:hang' }); }],
    ['a failed edit (its input is not kept either)', async () => client.images.edit({ model: 'gpt-image-1.5', prompt: 'sim:500', image: await OpenAI.toFile(await png(), 'in.png', { type: 'image/png' }) })],
    ['a refused streamed edit', async () => streamToEnd(client.images.edit({ model: 'gpt-image-1.5', prompt: 'sim:refuse', stream: true, image: await OpenAI.toFile(await png(), 'in2.png', { type: 'image/png' }) }))],
  ];
  test.each(cases)('%s', async (_name, run) => {
    const before = await footprint();
    const error = await failure(run());
    expect(error).toBeInstanceOf(OpenAI.APIError);
    // Give a relay that ended a moment to release its reservation.
    await new Promise((r) => setTimeout(r, 100));
    expect(await footprint()).toEqual(before);
  });

  test('a timeout says so, and what to try', async () => {
    process.env.OPENAI_TIMEOUT_MS = '300';
    const e = await failure(client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:hang' }));
    expect(e.status).toBe(504);
    expect(e.message).toMatch(/did not answer in time/);
  });
});

describe('the SDK retries where it fits', () => {
  test('a short retry-after is waited out and retried by the SDK', async () => {
    process.env.OPENAI_MAX_RETRIES = '2';
    const e = await failure(client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:429=1' }));
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect((await stats()).requests).toBe(3);
  });

  test('a long retry-after is answered at once, so the person decides, not a spinner', async () => {
    process.env.OPENAI_MAX_RETRIES = '2';
    const started = Date.now();
    const e = await failure(client.images.generate({ model: 'gpt-image-1.5', prompt: 'sim:429=120' }));
    expect(e).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e.message).toMatch(/Try again in 120 seconds/);
    expect((await stats()).requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
