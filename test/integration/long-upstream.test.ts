import type { Server } from 'node:http';
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetchServer, listen } from '@/lib/http/node-adapter';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { buildCatalogue } from '@/lib/models/registry';
import { createSimulator } from '@/lib/simulator/simulator';
import { startStudio } from '../support/studio-server';

/**
 * A non-streamed generation whose upstream answer takes longer than the HTTP client's
 * header timeout still completes: the studio's upstream agent takes its limits from
 * OPENAI_TIMEOUT_MS. Node's default header timeout (5 minutes) is lowered here to 3 s
 * through Node's global dispatcher, the setting production runs with, and the gateway
 * (the simulator on its own port) answers after 5 s.
 */
const KEY = 'sk-long-upstream-test-0123456789';
const ANSWER_AFTER_MS = 5000;
let upstream: Server;
let upstreamUrl: string;
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
let previous: Dispatcher;

beforeAll(async () => {
  previous = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ headersTimeout: 3000 }));
  const simulator = createSimulator({ catalogue: buildCatalogue(BUILT_IN_CATALOGUE), apiKey: KEY, latencyMs: ANSWER_AFTER_MS });
  upstream = createFetchServer((r) => simulator.handle(r));
  upstreamUrl = await listen(upstream);
  process.env.OPENAI_API_KEY = KEY;
  process.env.OPENAI_BASE_URL = `${upstreamUrl}/v1`;
  process.env.OPENAI_MAX_RETRIES = '0';
  studio = await startStudio();
  // This test's own client (the caller of the studio) keeps a generous limit of its own.
  const patient = new Agent({ headersTimeout: 60_000 });
  const fetchPatiently = ((input: string, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher: patient })) as unknown as typeof fetch;
  client = new OpenAI({ apiKey: 'anything', baseURL: `${studio.url}/api/v1`, maxRetries: 0, timeout: 60_000, fetch: fetchPatiently });
});
afterAll(async () => {
  setGlobalDispatcher(previous);
  await studio.close();
  upstream.closeAllConnections();
  upstream.close();
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MAX_RETRIES', 'OPENAI_TIMEOUT_MS']) delete process.env[name];
});

const body = JSON.stringify({ model: 'gpt-image-1', prompt: 'a slow lighthouse', quality: 'low' });

test('the lowered default really bites: a plain fetch of the same answer fails on its headers', async () => {
  const failed = await fetch(`${upstreamUrl}/v1/images/generations`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body }).catch(
    (e: Error & { cause?: { code?: string } }) => e.cause?.code,
  );
  expect(failed).toBe('UND_ERR_HEADERS_TIMEOUT');
}, 20_000);

test('through the studio, with OPENAI_TIMEOUT_MS above the wait, the answer arrives and is saved', async () => {
  process.env.OPENAI_TIMEOUT_MS = '60000';
  const started = Date.now();
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a slow lighthouse', quality: 'low' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(ANSWER_AFTER_MS - 100);
  expect((result.data![0] as { gallery_id?: string }).gallery_id).toMatch(/^img_/);
}, 30_000);

test('OPENAI_TIMEOUT_MS below the wait still rules: a timeout the person can act on', async () => {
  process.env.OPENAI_TIMEOUT_MS = '1500';
  const error = await client.images.generate({ model: 'gpt-image-1', prompt: 'a slow lighthouse', quality: 'low' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
}, 30_000);
