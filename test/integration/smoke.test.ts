import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startStudio } from '../support/studio-server';

let studio: Awaited<ReturnType<typeof startStudio>>;
beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  process.env.SIMULATOR_LATENCY_MS = '0';
  studio = await startStudio();
});
afterAll(() => studio.close());

test('smoke', async () => {
  const client = new OpenAI({ apiKey: 'x', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
  const r = await client.images.generate({ model: 'gpt-image-1', prompt: 'otter', size: '1024x1024' });
  console.log(Object.keys(r), r.data?.[0]?.b64_json?.length, r.usage);
  const s = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'otter', stream: true, partial_images: 2 });
  for await (const e of s) console.log(e.type, (e as { b64_json: string }).b64_json.length);
  const d = await client.images.generate({ model: 'dall-e-3', prompt: 'a white siamese cat' });
  console.log(d.data?.[0]);
  await expect(client.images.generate({ model: 'dall-e-3', prompt: 'x', n: 2 })).rejects.toThrow();
});
