import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readRunEvents, waitForRun, type SeenEvent } from '../support/run-events';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Runs through the real route handlers, on the embedded database: create (202), read,
 * list, stream, resume by Last-Event-ID and by starting_after, cancel (queued and
 * running), budgets, and the queue's order under the per-person limit.
 */
type Run = { id: string; status: string; gallery_ids: string[]; queue_position: number | null; cost_usd: number | null; error: { code: string } | null; group: { id: string; kind: string; index: number } | null; last_sequence_number: number };

let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const ENV = ['STUDIO_RUNS_PER_PERSON', 'STUDIO_RUNS_TEAM', 'STUDIO_BUDGET_PERSON_DAILY_USD', 'STUDIO_AUTH_HEADER'];

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());
afterEach(() => {
  for (const name of ENV) delete process.env[name];
});

const json = { 'content-type': 'application/json' };
async function create(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${studio.url}/api/v1/runs`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Run & { error?: { code: string; message: string; param: string | null } } };
}
const read = async (id: string, headers: Record<string, string> = {}) => (await (await fetch(`${studio.url}/api/v1/runs/${id}`, { headers })).json()) as Run;
const cancel = async (id: string) => (await (await fetch(`${studio.url}/api/v1/runs/${id}/cancel`, { method: 'POST', headers: { origin: studio.url } })).json()) as Run;
const events = (id: string, query = '', headers: Record<string, string> = {}, until?: (e: SeenEvent, all: SeenEvent[]) => boolean) =>
  readRunEvents(`${studio.url}/api/v1/runs/${id}/events${query}`, { headers, until });
const galleryHas = async (id: string) => (await fetch(`${studio.url}/api/v1/gallery/${id}`)).status === 200;

const STREAMED = { model: 'gpt-image-1', prompt: 'a lighthouse run', quality: 'low', size: '1024x1024', stream: true, partial_images: 2 };

describe('a run', () => {
  test('is created at once (202), streams partials and its saved image with sequence numbers, and ends completed in the gallery', async () => {
    const created = await create({ ...STREAMED, prompt: 'a lighthouse run sim:latency=100' });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ object: 'image.run', status: expect.stringMatching(/^(queued|running)$/), endpoint: 'generations', model: 'gpt-image-1', prompt: 'a lighthouse run sim:latency=100', options: { quality: 'low', size: '1024x1024', stream: true, partial_images: 2 }, creator: 'local' });
    expect(created.body.id).toMatch(/^run_[0-9a-f]{32}$/);

    const seen = await events(created.body.id);
    expect(seen.map((e) => e.event)).toEqual(['run.queued', 'run.in_progress', 'image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed', 'run.completed']);
    expect(seen.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    const completed = seen[4]!.data;
    // The final image is the gallery's copy, by link: watchers load it once from there.
    expect(completed.b64_json).toBeUndefined();
    expect(completed.gallery_id).toMatch(/^img_/);
    expect(completed.image_url).toBe(`${studio.url}/api/v1/gallery/${completed.gallery_id}/image`);
    expect(seen[2]!.data.b64_json).toEqual(expect.any(String));
    const final = seen[5]!.data.run as Run;
    expect(final).toMatchObject({ status: 'completed', gallery_ids: [completed.gallery_id], last_sequence_number: 6 });
    expect(final.cost_usd).toBeGreaterThan(0);
    expect(await read(created.body.id)).toMatchObject({ status: 'completed', gallery_ids: [completed.gallery_id] });
    expect(await galleryHas(completed.gallery_id as string)).toBe(true);

    // A completed run replays its events; the final image points at the gallery's copy.
    const replay = await events(created.body.id);
    expect(replay.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('resumes after a dropped connection, by Last-Event-ID and by starting_after, with nothing missed or repeated', async () => {
    const { body: run } = await create({ ...STREAMED, prompt: 'resumable sim:latency=250', partial_images: 3 });
    const first = await events(run.id, '', {}, (e) => e.event.endsWith('partial_image'));
    const last = first[first.length - 1]!.id;
    const byHeader = await events(run.id, '', { 'last-event-id': String(last) });
    const byQuery = await events(run.id, `?starting_after=${last}`);
    const all = [...first, ...byHeader].map((e) => e.id);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(byQuery.map((e) => e.id)).toEqual(byHeader.map((e) => e.id));
    expect(byHeader[byHeader.length - 1]!.event).toBe('run.completed');
  });

  test('a late watcher sees the latest partial image at once', async () => {
    const { body: run } = await create({ ...STREAMED, prompt: 'late watcher sim:latency=400', partial_images: 3 });
    await waitForRun(() => events(run.id, '', {}, (e) => e.event.endsWith('partial_image')).then((seen) => ({ status: seen.length ? 'seen' : 'queued' })));
    const late = await events(run.id, '', {}, (e) => e.event.endsWith('partial_image'));
    expect(late.some((e) => e.event === 'image_generation.partial_image')).toBe(true);
    await waitForRun(() => read(run.id));
  });

  test('non-streamed and multipart runs end with one completed event per image', async () => {
    const { body: run } = await create({ model: 'dall-e-2', prompt: 'two small squares', n: 2, size: '256x256' });
    const seen = await events(run.id);
    expect(seen.filter((e) => e.event === 'image_generation.completed')).toHaveLength(2);
    const ended = seen[seen.length - 1]!.data.run as Run;
    expect(ended.gallery_ids).toHaveLength(2);

    const png = await (await fetch(`${studio.url}/api/v1/gallery/${ended.gallery_ids[0]}/image`)).arrayBuffer();
    const form = new FormData();
    form.set('endpoint', 'variations');
    form.set('model', 'dall-e-2');
    form.set('size', '256x256');
    form.set('image', new Blob([png], { type: 'image/png' }), 'square.png');
    const variation = (await (await fetch(`${studio.url}/api/v1/runs`, { method: 'POST', body: form })).json()) as Run;
    const done = await events(variation.id);
    expect(done.map((e) => e.event)).toEqual(['run.queued', 'run.in_progress', 'image_variation.completed', 'run.completed']);
  });

  test('lists the caller’s runs newest first, by status, a page at a time', async () => {
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    const who = { 'x-user': `lister-${Date.now()}` };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ model: 'dall-e-2', prompt: `listed ${i}`, size: '256x256' }, who)).body.id);
    for (const id of ids) await waitForRun(() => read(id, who));
    const page1 = (await (await fetch(`${studio.url}/api/v1/runs?limit=2`, { headers: who })).json()) as { data: Run[]; next_cursor: string };
    expect(page1.data.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await (await fetch(`${studio.url}/api/v1/runs?limit=2&cursor=${page1.next_cursor}`, { headers: who })).json()) as { data: Run[]; next_cursor: string | null };
    expect(page2.data.map((r) => r.id)).toEqual([ids[0]]);
    expect(page2.next_cursor).toBeNull();
    const running = (await (await fetch(`${studio.url}/api/v1/runs?status=running,queued`, { headers: who })).json()) as { data: Run[] };
    expect(running.data).toEqual([]);
    // Someone else's run is not found, not forbidden.
    expect((await fetch(`${studio.url}/api/v1/runs/${ids[0]}`, { headers: { 'x-user': 'someone-else' } })).status).toBe(404);
    const bad = await fetch(`${studio.url}/api/v1/runs?status=done`, { headers: who });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('status');
  });

  test('is refused before anything is queued exactly as the Images API refuses: validation and budgets', async () => {
    const invalid = await create({ model: 'gpt-image-1', prompt: 'x', size: '999x999' });
    const direct = await fetch(`${studio.url}/api/v1/images/generations`, { method: 'POST', headers: json, body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x', size: '999x999' }) });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual(await direct.json());

    process.env.STUDIO_BUDGET_PERSON_DAILY_USD = '0.000001';
    const refused = await create(STREAMED);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'budget_exceeded' });
  });
});

describe('upstream failures', () => {
  const cases: Array<[string, string, string]> = [
    ['a refusal', 'a refused prompt sim:refuse', 'moderation_blocked'],
    ['a rate limit', 'busy sim:429=2', 'rate_limit_exceeded'],
    ['an outage', 'storm sim:500', 'upstream_error'],
    ['a cut stream', 'broken sim:cut=1', 'stream_interrupted'],
  ];
  for (const [what, prompt, code] of cases)
    test(`${what} fails the run with the Images API route's own error, nothing kept`, async () => {
      const direct = await fetch(`${studio.url}/api/v1/images/generations`, { method: 'POST', headers: json, body: JSON.stringify({ ...STREAMED, prompt }) });
      const { body: run } = await create({ ...STREAMED, prompt });
      const seen = await events(run.id);
      const ended = seen[seen.length - 1]!;
      expect(ended.event).toBe('run.failed');
      const error = (ended.data.run as Run).error!;
      expect(error.code).toBe(code);
      // The same words as the route says, to an SDK client, for the same request.
      const said = direct.headers.get('content-type')?.includes('json') ? ((await direct.json()) as { error: { message: string } }).error.message : (await direct.text());
      expect(said).toContain((error as unknown as { message: string }).message);
      expect((ended.data.run as Run).gallery_ids).toEqual([]);
    });
});

describe('cancel', () => {
  test('a running run stops upstream, ends cancelled, keeps nothing', async () => {
    const { body: run } = await create({ ...STREAMED, prompt: 'cancel me sim:latency=400', partial_images: 3 });
    await events(run.id, '', {}, (e) => e.event.endsWith('partial_image'));
    const stats = async () => ((await (await fetch(`${studio.url}/api/simulator/v1/__simulator/stats`)).json()) as { aborted: number }).aborted;
    const abortedBefore = await stats();
    const cancelled = await cancel(run.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.gallery_ids).toEqual([]);
    const seen = await events(run.id);
    expect(seen[seen.length - 1]!.event).toBe('run.cancelled');
    expect(seen.some((e) => e.event === 'image_generation.completed')).toBe(false);
    await expect.poll(stats, { timeout: 5000 }).toBeGreaterThan(abortedBefore);
    // Cancelling again changes nothing.
    expect((await cancel(run.id)).status).toBe('cancelled');
  });

  test('a queued run is cancelled at once and never goes upstream', async () => {
    process.env.STUDIO_RUNS_PER_PERSON = '1';
    const first = (await create({ ...STREAMED, prompt: 'occupies the slot sim:latency=300' })).body;
    const second = (await create({ ...STREAMED, prompt: 'waits its turn' })).body;
    expect(second.status).toBe('queued');
    expect(second.queue_position).toBe(1);
    const cancelled = await cancel(second.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await events(second.id)).map((e) => e.event)).toEqual(['run.queued', 'run.cancelled']);
    await waitForRun(() => read(first.id));
  });
});

describe('the queue', () => {
  test('runs one person’s runs at most STUDIO_RUNS_PER_PERSON at a time, in the order they were sent', async () => {
    process.env.STUDIO_RUNS_PER_PERSON = '2';
    process.env.STUDIO_AUTH_HEADER = 'x-user';
    const who = { 'x-user': `queued-${Date.now()}` };
    const runs: Run[] = [];
    for (let i = 0; i < 5; i++) runs.push((await create({ ...STREAMED, prompt: `queued ${i} sim:latency=150`, partial_images: 1 }, who)).body);
    expect(runs.map((r) => r.status)).toEqual(['running', 'running', 'queued', 'queued', 'queued']);
    expect(runs.slice(2).map((r) => r.queue_position)).toEqual([1, 2, 3]);
    // Someone else is not held up by this person's queue.
    const other = (await create({ ...STREAMED, prompt: 'someone else', partial_images: 1 }, { 'x-user': `other-${Date.now()}` })).body;
    expect(other.status).toBe('running');

    const ended = await Promise.all(runs.map((r) => waitForRun(() => read(r.id, who))));
    expect(ended.every((r) => r.status === 'completed')).toBe(true);
    const started = await Promise.all(runs.map(async (r) => Date.parse(((await (await fetch(`${studio.url}/api/v1/runs/${r.id}`, { headers: who })).json()) as { started_at: string }).started_at)));
    for (let i = 1; i < started.length; i++) expect(started[i]!).toBeGreaterThanOrEqual(started[i - 1]!);
  });
});

describe('compare and batch', () => {
  test('a compare sends one prompt to several models as a group; a batch refuses as a whole past a budget', async () => {
    const compare = (await (
      await fetch(`${studio.url}/api/v1/runs`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ compare: [{ model: 'gpt-image-1', prompt: 'a fox', quality: 'low' }, { model: 'dall-e-3', prompt: 'a fox' }, { model: 'dall-e-2', prompt: 'a fox', size: '256x256' }] }),
      })
    ).json()) as { object: string; group: { id: string; kind: string }; data: Run[] };
    expect(compare.group.kind).toBe('compare');
    expect(compare.data.map((r) => r.group)).toEqual([0, 1, 2].map((index) => ({ id: compare.group.id, kind: 'compare', index })));
    const grouped = (await (await fetch(`${studio.url}/api/v1/runs?group=${compare.group.id}`)).json()) as { data: Run[] };
    expect(grouped.data).toHaveLength(3);

    const tooMany = await fetch(`${studio.url}/api/v1/runs`, { method: 'POST', headers: json, body: JSON.stringify({ compare: Array(5).fill({ model: 'dall-e-2', prompt: 'x' }) }) });
    expect(tooMany.status).toBe(400);
    const wrongOne = await fetch(`${studio.url}/api/v1/runs`, { method: 'POST', headers: json, body: JSON.stringify({ batch: { model: 'dall-e-2', prompts: ['fine', ''] } }) });
    expect(wrongOne.status).toBe(400);
    expect(((await wrongOne.json()) as { error: { param: string; message: string } }).error).toMatchObject({ param: 'batch[1].prompt', message: expect.stringMatching(/^Prompt 2: /) });

    process.env.STUDIO_BUDGET_PERSON_DAILY_USD = '0.05';
    const before = (await (await fetch(`${studio.url}/api/v1/runs?limit=100`)).json()) as { data: Run[] };
    const batch = await fetch(`${studio.url}/api/v1/runs`, { method: 'POST', headers: json, body: JSON.stringify({ batch: { model: 'dall-e-3', prompts: Array.from({ length: 20 }, (_, i) => `prompt ${i}`) } }) });
    expect(batch.status).toBe(429);
    const after = (await (await fetch(`${studio.url}/api/v1/runs?limit=100`)).json()) as { data: Run[] };
    expect(after.data.length).toBe(before.data.length);
    for (const r of compare.data) await waitForRun(() => read(r.id));
  });
});

describe('the Images API routes keep their behaviour', () => {
  test('the SDK still generates directly', async () => {
    const result = await client.images.generate({ model: 'dall-e-2', prompt: 'still direct', size: '256x256' });
    expect(result.data?.[0]?.b64_json ?? result.data?.[0]?.url).toBeTruthy();
  });
});
