import type { Server } from 'node:http';
import Ajv, { type AnySchema } from 'ajv';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFetchServer, listen } from '@/lib/http/node-adapter';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { buildCatalogue } from '@/lib/models/registry';
import { createSimulator } from '@/lib/simulator/simulator';
import { errorResponse, imagesResponse, listModelsResponse, modelSchema, SPEC_LAGS, streamEvents, withLags } from '../fixtures/images-api-schemas';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Every JSON answer and stream event, over a matrix of models and options, validates
 * against the Images API's schemas from OpenAI's published spec (test/fixtures), from
 * the studio and from the standalone simulator alike. The only deviations allowed are
 * the ones SPEC_LAGS lists, where the spec is older than the models; each case names
 * the ones it needs.
 */
type Lag = keyof typeof SPEC_LAGS;
const ajv = new Ajv({ allErrors: true, strict: false });
let studio: Awaited<ReturnType<typeof startStudio>>;
let simulatorServer: Server;
const bases: Record<string, string> = {};
let photo: Buffer;

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
  bases.studio = `${studio.url}/api/v1`;
  simulatorServer = createFetchServer((r) => createSimulator({ catalogue: buildCatalogue(BUILT_IN_CATALOGUE) }).handle(r));
  bases.simulator = `${await listen(simulatorServer)}/v1`;
  photo = await sharp({ create: { width: 1024, height: 1024, channels: 4, background: '#e76f51' } }).png().toBuffer();
});
afterAll(async () => {
  await studio.close();
  simulatorServer.closeAllConnections();
  simulatorServer.close();
});

const compiled = (schema: AnySchema) => ajv.getSchema((schema as { $id: string }).$id) ?? ajv.compile(schema);

/** Valid against the schema; with `lags`, valid only once those enums are opened (so each listed exception is really needed). */
function expectValid(schema: AnySchema, data: unknown, lags: Lag[] = [], what = '') {
  const validate = compiled(lags.length ? withLags(schema as object, lags) : schema);
  expect(validate(data), `${what}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  if (lags.length) expect(compiled(schema)(data), `${what}: listed as outside the spec (${lags.join(', ')}) but valid without`).toBe(false);
}

/** The events of an event stream, each `data:` parsed. */
function events(text: string): Array<{ type: string } & Record<string, unknown>> {
  return text
    .split(/\n\n/)
    .map((frame) => frame.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => Boolean(line))
    .map((line) => JSON.parse(line.slice(6)) as { type: string });
}

const generations: Array<[string, Record<string, unknown>, Lag[]]> = [
  ['dall-e-2, url', { model: 'dall-e-2', size: '256x256' }, []],
  ['dall-e-2, two as b64_json', { model: 'dall-e-2', n: 2, response_format: 'b64_json', size: '512x512' }, []],
  ['dall-e-3 hd natural', { model: 'dall-e-3', quality: 'hd', style: 'natural', response_format: 'b64_json' }, []],
  ['gpt-image-1 transparent webp', { model: 'gpt-image-1', quality: 'low', background: 'transparent', output_format: 'webp' }, []],
  ['gpt-image-1-mini portrait', { model: 'gpt-image-1-mini', quality: 'medium', size: '1024x1536' }, []],
  ['gpt-image-1.5 two jpeg', { model: 'gpt-image-1.5', n: 2, quality: 'low', output_format: 'jpeg', output_compression: 60 }, []],
  ['chatgpt-image-latest', { model: 'chatgpt-image-latest', quality: 'low' }, []],
  ['gpt-image-2 landscape, transparent (preview)', { model: 'gpt-image-2', quality: 'low', size: '1536x1024', background: 'transparent' }, []],
  ['gpt-image-2 custom size', { model: 'gpt-image-2', quality: 'low', size: '2048x1152' }, ['size']],
  ['gpt-image-2.5-sunburst xhigh', { model: 'gpt-image-2.5-sunburst', quality: 'xhigh', size: '1024x1024' }, ['quality']],
];

const streams: Array<[string, Record<string, unknown>, Lag[]]> = [
  ['gpt-image-1.5, two partials', { model: 'gpt-image-1.5', quality: 'low', partial_images: 2 }, []],
  ['gpt-image-2 custom size, one partial', { model: 'gpt-image-2', quality: 'low', size: '1280x720', partial_images: 1 }, ['size']],
];

describe.each(['studio', 'simulator'])('against the %s', (target) => {
  const post = (path: string, body: unknown) => fetch(`${bases[target]}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const form = (fields: Record<string, string>, files: Record<string, Buffer>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    for (const [k, v] of Object.entries(files)) f.append(k, new Blob([new Uint8Array(v)], { type: 'image/png' }), `${k}.png`);
    return f;
  };

  test.each(generations)('generation: %s', async (name, body, lags) => {
    const res = await post('/images/generations', { prompt: `schema check ${name}`, ...body });
    expect(res.status, name).toBe(200);
    expectValid(imagesResponse, await res.json(), lags, name);
  });

  test.each(streams)('streamed generation: %s', async (name, body, lags) => {
    const res = await post('/images/generations', { prompt: `schema stream ${name}`, stream: true, ...body });
    const all = events(await res.text());
    expect(all.map((e) => e.type)).toContain('image_generation.completed');
    for (const event of all) expectValid(streamEvents[event.type as keyof typeof streamEvents], event, lags, `${name} ${event.type}`);
  });

  test('edits, JSON and streamed, and a DALL·E 2 edit and variation', async () => {
    const json = await fetch(`${bases[target]}/images/edits`, { method: 'POST', body: form({ model: 'gpt-image-1.5', prompt: 'schema edit', quality: 'low' }, { image: photo }) });
    expectValid(imagesResponse, await json.json(), [], 'edit');
    const streamed = await fetch(`${bases[target]}/images/edits`, { method: 'POST', body: form({ model: 'gpt-image-1.5', prompt: 'schema edit stream', quality: 'low', stream: 'true', partial_images: '2' }, { image: photo }) });
    const all = events(await streamed.text());
    expect(all.map((e) => e.type)).toEqual(['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
    for (const event of all) expectValid(streamEvents[event.type as keyof typeof streamEvents], event, [], event.type);
    const dalle = await fetch(`${bases[target]}/images/edits`, { method: 'POST', body: form({ model: 'dall-e-2', prompt: 'schema dall-e edit', size: '256x256' }, { image: photo }) });
    expectValid(imagesResponse, await dalle.json(), [], 'dall-e-2 edit');
    const variation = await fetch(`${bases[target]}/images/variations`, { method: 'POST', body: form({ model: 'dall-e-2', n: '2', size: '256x256' }, { image: photo }) });
    expectValid(imagesResponse, await variation.json(), [], 'variation');
  });

  test('models, one model, and the error envelope', async () => {
    expectValid(listModelsResponse, await (await fetch(`${bases[target]}/models`)).json(), [], 'models');
    expectValid(modelSchema, await (await fetch(`${bases[target]}/models/gpt-image-1.5`)).json(), [], 'model');
    for (const [what, res, status] of [
      ['bad parameter', await post('/images/generations', { model: 'dall-e-3', prompt: 'x', n: 2 }), 400],
      ['unknown model', await post('/images/generations', { model: 'no-such-model', prompt: 'x' }), 404],
      ['unknown model (models)', await fetch(`${bases[target]}/models/no-such-model`), 404],
      ['unknown endpoint', await fetch(`${bases[target]}/no/such/endpoint`), 404],
    ] as const) {
      expect(res.status, what).toBe(status);
      expectValid(errorResponse, await res.json(), [], what);
    }
  });
});
