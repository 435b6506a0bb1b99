import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
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
