import type { Server } from 'node:http';
import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFetchServer, listen } from '@/lib/http/node-adapter';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { buildCatalogue } from '@/lib/models/registry';
import { createSimulator } from '@/lib/simulator/simulator';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * The calls of openai-node's own resource tests (tests/api-resources/images.test.ts and
 * models.test.ts), run against the studio and against the standalone simulator. Theirs
 * send placeholder bytes ('# my file contents') and `model: 'string'` to a mock server;
 * here the files are real images and each call names a model that takes its options.
 * models.delete is left out: it deletes fine-tuned models, which neither serves.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let simulatorServer: Server;
const targets: Record<string, OpenAI> = {};
let square: Buffer;
let mask: Buffer;

beforeAll(async () => {
  let client: OpenAI;
  ({ studio, client } = await startStudioWithClient());
  targets.studio = client;
  simulatorServer = createFetchServer((r) => createSimulator({ catalogue: buildCatalogue(BUILT_IN_CATALOGUE) }).handle(r));
  targets.simulator = new OpenAI({ apiKey: 'My API Key', baseURL: `${await listen(simulatorServer)}/v1`, maxRetries: 0 });
  square = await sharp({ create: { width: 1024, height: 1024, channels: 4, background: '#5b8def' } }).png().toBuffer();
  const alpha = Buffer.alloc(1024 * 1024 * 4, 255);
  for (let i = 3; i < 512 * 1024 * 4; i += 4) alpha[i] = 0;
  mask = await sharp(alpha, { raw: { width: 1024, height: 1024, channels: 4 } }).png().toBuffer();
});
afterAll(async () => {
  await studio.close();
  simulatorServer.closeAllConnections();
  simulatorServer.close();
});

describe.each(['studio', 'simulator'])('resource images, against the %s', (target) => {
  const client = () => targets[target]!;
  const file = () => toFile(square, 'otter.png');

  test('createVariation: only required params', async () => {
    const responsePromise = client().images.createVariation({ image: await file() });
    const rawResponse = await responsePromise.asResponse();
    expect(rawResponse).toBeInstanceOf(Response);
    const response = await responsePromise;
    expect(response).not.toBeInstanceOf(Response);
    const dataAndResponse = await responsePromise.withResponse();
    expect(dataAndResponse.data).toBe(response);
    expect(dataAndResponse.response).toBe(rawResponse);
    expect(response.data?.[0]?.url).toMatch(/^http/);
  });

  test('createVariation: required and optional params', async () => {
    const response = await client().images.createVariation({ image: await file(), model: 'dall-e-2', n: 1, response_format: 'url', size: '1024x1024', user: 'user-1234' });
    expect(response.data).toHaveLength(1);
  });

  test('edit: only required params', async () => {
    const responsePromise = client().images.edit({ image: await file(), prompt: 'A cute baby sea otter wearing a beret' });
    const response = await responsePromise;
    expect(response).not.toBeInstanceOf(Response);
    const dataAndResponse = await responsePromise.withResponse();
    expect(dataAndResponse.data).toBe(response);
    expect(response.data?.[0]?.b64_json).toBeTruthy();
  });

  test('edit: required and optional params', async () => {
    const response = await client().images.edit({
      image: await file(),
      prompt: 'A cute baby sea otter wearing a beret',
      background: 'transparent',
      mask: await toFile(mask, 'mask.png'),
      model: 'gpt-image-1.5',
      n: 1,
      quality: 'high',
      input_fidelity: 'high',
      output_format: 'png',
      size: '1024x1024',
      user: 'user-1234',
    });
    expect(response).toMatchObject({ background: 'transparent', output_format: 'png', quality: 'high', size: '1024x1024' });
    // DALL·E 2's own optional parameter, response_format, on the model that takes it.
    const dalle = await client().images.edit({ image: await file(), prompt: 'A beret', mask: await toFile(mask, 'mask.png'), model: 'dall-e-2', n: 1, response_format: 'url', size: '1024x1024', user: 'user-1234' });
    expect(dalle.data?.[0]?.url).toMatch(/^http/);
  });

  test('generate: only required params', async () => {
    const responsePromise = client().images.generate({ prompt: 'A cute baby sea otter' });
    const rawResponse = await responsePromise.asResponse();
    expect(rawResponse).toBeInstanceOf(Response);
    const response = await responsePromise;
    const dataAndResponse = await responsePromise.withResponse();
    expect(dataAndResponse.data).toBe(response);
    expect(dataAndResponse.response).toBe(rawResponse);
  });

  test('generate: required and optional params', async () => {
    const gpt = await client().images.generate({
      prompt: 'A cute baby sea otter',
      background: 'transparent',
      model: 'gpt-image-1.5',
      moderation: 'low',
      n: 1,
      output_compression: 100,
      output_format: 'png',
      quality: 'medium',
      size: '1024x1024',
      user: 'user-1234',
    });
    expect(gpt.usage?.total_tokens).toBeGreaterThan(0);
    const dalle = await client().images.generate({ prompt: 'A cute baby sea otter', model: 'dall-e-3', n: 1, quality: 'hd', response_format: 'url', size: '1024x1024', style: 'vivid', user: 'user-1234' });
    expect(dalle.data?.[0]?.revised_prompt).toBeTruthy();
  });
});

describe.each(['studio', 'simulator'])('resource models, against the %s', (target) => {
  const client = () => targets[target]!;

  test('list', async () => {
    const responsePromise = client().models.list();
    const rawResponse = await responsePromise.asResponse();
    expect(rawResponse).toBeInstanceOf(Response);
    const ids: string[] = [];
    for await (const model of client().models.list()) {
      ids.push(model.id);
      expect(model.created, model.id).toBeGreaterThan(Date.UTC(2023, 0, 1) / 1000);
    }
    expect(ids).toEqual(expect.arrayContaining(['dall-e-2', 'gpt-image-1.5', 'chatgpt-image-latest', 'gpt-image-2']));
  });

  test('retrieve', async () => {
    const model = await client().models.retrieve('gpt-image-2-2026-04-21');
    expect(model).toMatchObject({ object: 'model', created: Date.UTC(2026, 3, 21) / 1000 });
    const missing = await client().models.retrieve('gpt-4o-mini').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
