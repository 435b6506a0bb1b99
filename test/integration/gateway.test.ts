import type { Server } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetchServer, listen } from '@/lib/http/node-adapter';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { buildCatalogue } from '@/lib/models/registry';
import { createSimulator } from '@/lib/simulator/simulator';
import { startStudio } from '../support/studio-server';

/**
 * The studio with a key, in front of an OpenAI-compatible upstream on its own port
 * (the simulator standing in for a gateway): the key is sent upstream and never back.
 */
const KEY = 'sk-studio-test-KEY-0123456789abcdef';
let upstream: Server;
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const simulator = createSimulator({ catalogue: buildCatalogue(BUILT_IN_CATALOGUE), apiKey: KEY });

beforeAll(async () => {
  upstream = createFetchServer((r) => simulator.handle(r));
  const url = await listen(upstream);
  process.env.OPENAI_API_KEY = KEY;
  process.env.OPENAI_BASE_URL = `${url}/v1`;
  process.env.OPENAI_MAX_RETRIES = '0';
  studio = await startStudio();
  client = new OpenAI({ apiKey: 'anything', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await studio.close();
  upstream.closeAllConnections();
  upstream.close();
});

test('generations go through the gateway with the server-held key', async () => {
  const result = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'via gateway' });
  expect(result.data).toHaveLength(1);
  expect(simulator.stats().completed).toBeGreaterThan(0);
  const models = (await (await fetch(`${studio.url}/api/v1/models`)).json()) as { upstream: string };
  expect(models.upstream).toBe('gateway');
});

test('streams relay over real HTTP from the gateway', async () => {
  const stream = await client.images.generate({ model: 'gpt-image-1', prompt: 'stream', stream: true, partial_images: 1 });
  const types: string[] = [];
  for await (const e of stream) types.push(e.type);
  expect(types).toEqual(['image_generation.partial_image', 'image_generation.completed']);
});

test('a rejected key becomes a message for the administrator, without the key', async () => {
  process.env.OPENAI_API_KEY = 'sk-studio-test-WRONG-0123456789';
  try {
    const response = await fetch(`${studio.url}/api/v1/images/generations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x' }) });
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(text).toMatch(/check OPENAI_API_KEY/);
    expect(text).not.toMatch(/sk-|WRONG|6789/);
    for (const [, value] of response.headers) expect(value).not.toContain('WRONG');
  } finally {
    process.env.OPENAI_API_KEY = KEY;
  }
});

test('the built-in simulator is switched off when a real upstream is configured', async () => {
  const res = await fetch(`${studio.url}/api/simulator/v1/__simulator/stats`);
  expect(res.status).toBe(404);
});

test('edits and variations reach the gateway as multipart, files intact', async () => {
  const { default: sharp } = await import('sharp');
  const { toFile } = await import('openai');
  const png = await sharp({ create: { width: 256, height: 256, channels: 4, background: '#c0392b' } }).png().toBuffer();
  const edit = await client.images.edit({ model: 'gpt-image-1', image: await toFile(png, 'red.png'), prompt: 'via gateway', quality: 'low' });
  expect(edit.data).toHaveLength(1);
  const variation = await client.images.createVariation({ model: 'dall-e-2', image: await toFile(png, 'red.png'), size: '256x256' });
  expect(variation.data).toHaveLength(1);
});
