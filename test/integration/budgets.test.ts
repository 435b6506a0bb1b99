import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { estimateCost } from '@/lib/models/cost';
import { findModel, buildCatalogue } from '@/lib/models/registry';
import { postgresSchema } from '../support/backends';
import { spawnStudio } from '../support/spawn-studio';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Budgets and rate limits through the real routes: refused before anything goes
 * upstream (429, retry-after, which limit and when it resets), failed requests free,
 * and one set of numbers for every instance sharing a database.
 */
const REQUEST = { model: 'gpt-image-1.5', prompt: 'a budgeted lighthouse', quality: 'low' } as const;
const ESTIMATE = estimateCost(findModel(buildCatalogue(BUILT_IN_CATALOGUE), REQUEST.model)!, 'generations', REQUEST)!.usd;
const BUDGET_ENV = ['STUDIO_BUDGET_PERSON_DAILY_USD', 'STUDIO_BUDGET_TEAM_DAILY_USD', 'STUDIO_RATE_PERSON_PER_MINUTE', 'STUDIO_AUTH_HEADER'];

const post = (url: string, body: unknown, person: string) =>
  fetch(`${url}/api/v1/images/generations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user': person }, body: JSON.stringify(body) });

describe('one instance', () => {
  let studio: Awaited<ReturnType<typeof startStudio>>;
  beforeAll(async () => {
    ({ studio } = await startStudioWithClient());
  });
  afterAll(() => studio.close());
  afterEach(() => {
    for (const name of BUDGET_ENV) delete process.env[name];
  });

  test('a request that would pass the personal daily cap is refused before upstream, saying which limit and when it resets', async () => {
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    process.env.STUDIO_BUDGET_PERSON_DAILY_USD = String(ESTIMATE * 2.5);
    const stats = async () => ((await (await fetch(`${studio.url}/api/simulator/v1/stats`, { headers: { 'x-user': 'stats' } })).json()) as { requests: number }).requests;
    expect((await post(studio.url, REQUEST, 'lena')).status).toBe(200);
    expect((await post(studio.url, REQUEST, 'lena')).status).toBe(200);
    const before = await stats();
    const refused = await post(studio.url, REQUEST, 'lena');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(refused.headers.get('x-studio-limit')).toBe('person_daily');
    expect(await refused.json()).toEqual({
      error: { message: expect.stringMatching(/your daily budget of \$[\d.]+ .* spent today\)\. It resets at midnight UTC, in \d+ h\./), type: 'rate_limit_error', param: null, code: 'budget_exceeded' },
    });
    expect(await stats()).toBe(before);
    // Someone else still has their own budget.
    expect((await post(studio.url, REQUEST, 'milo')).status).toBe(200);
  });

  test('a failed request costs nothing: an upstream error or a cut stream is released', async () => {
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    const streamed = { ...REQUEST, stream: true, partial_images: 2 };
    const streamEstimate = estimateCost(findModel(buildCatalogue(BUILT_IN_CATALOGUE), REQUEST.model)!, 'generations', streamed)!.usd;
    process.env.STUDIO_BUDGET_PERSON_DAILY_USD = String(streamEstimate * 1.2);
    expect((await post(studio.url, { ...REQUEST, prompt: 'fails sim:500' }, 'nia')).status).toBe(502);
    const cut = await post(studio.url, { ...streamed, prompt: 'cut sim:cut=1' }, 'nia');
    expect(await cut.text()).toContain('event: error');
    // Both released, so the one stream the cap allows still fits.
    const whole = await post(studio.url, streamed, 'nia');
    expect(await whole.text()).toContain('image_generation.completed');
    await new Promise((r) => setTimeout(r, 200));
    expect((await post(studio.url, streamed, 'nia')).status).toBe(429);
  });

  test('a stream is charged once it completes, at the cost its usage reports', async () => {
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    process.env.STUDIO_BUDGET_PERSON_DAILY_USD = String(ESTIMATE * 1.5);
    const res = await post(studio.url, { ...REQUEST, stream: true }, 'omar');
    expect(await res.text()).toContain('image_generation.completed');
    // The settle happens as the relay ends; give it a moment to commit.
    await new Promise((r) => setTimeout(r, 200));
    expect((await post(studio.url, REQUEST, 'omar')).status).toBe(429);
  });

  test('requests per minute are limited per person, with retry-after within the minute', async () => {
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    process.env.STUDIO_RATE_PERSON_PER_MINUTE = '2';
    expect((await post(studio.url, REQUEST, 'pia')).status).toBe(200);
    expect((await post(studio.url, REQUEST, 'pia')).status).toBe(200);
    const refused = await post(studio.url, REQUEST, 'pia');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', message: expect.stringMatching(/2 requests in the last minute/) } });
    // The SDK sees a RateLimitError it can act on.
    const sdk = new OpenAI({ apiKey: 'x', baseURL: `${studio.url}/api/v1`, maxRetries: 0, defaultHeaders: { 'x-user': 'pia' } });
    await expect(sdk.images.generate(REQUEST)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  test('GET /budget says what is left today, before the nearer cap', async () => {
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    process.env.STUDIO_BUDGET_PERSON_DAILY_USD = '1';
    process.env.STUDIO_BUDGET_TEAM_DAILY_USD = '1000';
    const budget = async () => (await (await fetch(`${studio.url}/api/v1/budget`, { headers: { 'x-user': 'quentin' } })).json()) as Record<string, unknown>;
    expect(await budget()).toMatchObject({ object: 'budget', person: 'quentin', person_daily_usd: 1, team_daily_usd: 1000, person_spent_today_usd: 0, remaining_today_usd: 1, resets_at: expect.stringMatching(/T00:00:00\.000Z$/) });
    const made = (await (await post(studio.url, REQUEST, 'quentin')).json()) as { data: Array<{ gallery_id: string }> };
    const image = (await (await fetch(`${studio.url}/api/v1/gallery/${made.data[0]!.gallery_id}`, { headers: { 'x-user': 'quentin' } })).json()) as { cost_usd: number };
    const after = await budget();
    expect(after.person_spent_today_usd).toBeCloseTo(image.cost_usd, 6);
    expect(after.remaining_today_usd).toBeCloseTo(1 - image.cost_usd, 6);
    delete process.env.STUDIO_BUDGET_PERSON_DAILY_USD;
    delete process.env.STUDIO_BUDGET_TEAM_DAILY_USD;
    expect((await budget()).remaining_today_usd).toBeNull();
  });

  test('each image records its estimated and its actual cost', async () => {
    const res = await post(studio.url, { ...REQUEST, n: 2 }, 'anyone');
    const body = (await res.json()) as { data: Array<{ gallery_id: string }> };
    const image = (await (await fetch(`${studio.url}/api/v1/gallery/${body.data[0]!.gallery_id}`)).json()) as { estimated_cost_usd: number; cost_usd: number };
    const estimateForTwo = estimateCost(findModel(buildCatalogue(BUILT_IN_CATALOGUE), REQUEST.model)!, 'generations', { ...REQUEST, n: 2 })!.usd;
    expect(image.estimated_cost_usd).toBeCloseTo(estimateForTwo / 2, 6);
    expect(image.cost_usd).toBeGreaterThan(0);
    expect(image.cost_usd).toBeLessThanOrEqual(ESTIMATE * 1.01);
  });
});

describe('two app instances sharing one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof postgresSchema>>;
  let instances: Array<Awaited<ReturnType<typeof spawnStudio>>>;
  beforeAll(async () => {
    schema = await postgresSchema('budget_routes');
    const env = (n: number) => ({
      DATABASE_URL: schema.url,
      STUDIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), `studio-instance-${n}-`)),
      STUDIO_AUTH_HEADER: 'x-user',
      STUDIO_BUDGET_PERSON_DAILY_USD: String(ESTIMATE * 5.5),
      STUDIO_BUDGET_TEAM_DAILY_USD: String(ESTIMATE * 8.5),
      SIMULATOR_LATENCY_MS: '0',
      OPENAI_MAX_RETRIES: '0',
      OPENAI_API_KEY: '',
    });
    instances = await Promise.all([spawnStudio(env(1)), spawnStudio(env(2))]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await schema.drop();
  });

  test('concurrent requests through both cannot together pass the team cap or a person’s cap', async () => {
    const people = ['quin', 'rosa', 'sam'];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(instances[i % 2]!.url, REQUEST, people[i % 3]!).then(async (r) => ({ status: r.status, person: people[i % 3]!, body: await r.text() }))),
    );
    const granted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(granted.length + refused.length).toBe(30);
    expect(granted.length).toBe(8);
    for (const person of people) expect(granted.filter((a) => a.person === person).length).toBeLessThanOrEqual(5);
    for (const a of refused) expect(JSON.parse(a.body)).toMatchObject({ error: { code: 'budget_exceeded' } });
    const report = (await (await fetch(`${instances[0]!.url}/api/v1/admin/spend?days=1`, { headers: { 'x-user': 'quin' } })).json()) as { team_by_day: number[] };
    expect(report.team_by_day[0]).toBeLessThanOrEqual(ESTIMATE * 8.5);
  });
});
