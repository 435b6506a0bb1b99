import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { startStudio } from '../support/studio-server';

/** A deployment adds and changes models with a JSON file: no code change, no restart. */
const dir = mkdtempSync(path.join(tmpdir(), 'studio-models-'));
const file = path.join(dir, 'models.json');
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;

beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  process.env.SIMULATOR_LATENCY_MS = '0';
  process.env.STUDIO_MODELS_FILE = file;
  const gpt2 = BUILT_IN_CATALOGUE.models.find((m) => m.id === 'gpt-image-2')!;
  writeFileSync(
    file,
    JSON.stringify({
      models: [
        { ...gpt2, id: 'gpt-image-3', label: 'GPT Image 3', aliases: [], description: 'Added by this deployment.' },
        { id: 'gpt-image-1.5', price: { asOf: '2026-12-01', perMillionTokens: { textIn: 5, imageIn: 8, imageOut: 20 } } },
        { id: 'gpt-image-1', endpoints: { generations: { options: { moderation: null } } } },
      ],
    }),
  );
  studio = await startStudio();
  client = new OpenAI({ apiKey: 'x', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
});
afterAll(async () => {
  delete process.env.STUDIO_MODELS_FILE;
  await studio.close();
});

type Listing = { data: Array<{ id: string; label: string; price: { asOf: string; perMillionTokens: { imageOut: number } } }> };
const listing = async () => (await (await fetch(`${studio.url}/api/v1/models`)).json()) as Listing;

test('an added model is listed and generates', async () => {
  expect((await listing()).data.find((m) => m.id === 'gpt-image-3')?.label).toBe('GPT Image 3');
  const result = await client.images.generate({ model: 'gpt-image-3' as never, prompt: 'new model', size: '1536x864' as never });
  expect(result.size).toBe('1536x864');
});

test('a changed price and a removed option take effect', async () => {
  const m = (await listing()).data.find((x) => x.id === 'gpt-image-1.5')!;
  expect(m.price).toMatchObject({ asOf: '2026-12-01', perMillionTokens: { imageOut: 20 } });
  const error = await client.images.generate({ model: 'gpt-image-1', prompt: 'x', moderation: 'low' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('moderation');
});

test('a broken file says what is wrong, for the administrator', async () => {
  writeFileSync(file, JSON.stringify({ models: [{ id: 'half-a-model', label: 'x' }] }));
  const res = await fetch(`${studio.url}/api/v1/models`);
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ error: { code: 'invalid_model_catalogue', message: expect.stringMatching(/misconfigured.*model "half-a-model"\.family/) } });
});
