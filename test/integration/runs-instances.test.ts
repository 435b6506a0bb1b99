import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postgresSchema } from '../support/backends';
import { readRunEvents, waitForRun, type SeenEvent } from '../support/run-events';
import { spawnStudio } from '../support/spawn-studio';

/**
 * Runs across instances sharing one PostgreSQL server (and one blob directory): a run
 * executes where it was accepted and is watched and cancelled through another; the
 * team's limit is counted for all; an instance killed mid-run leaves its runs
 * interrupted within the lease, with nothing kept or charged; SIGTERM lets runs finish.
 * And the same crash on the embedded database, restarted on the same data.
 */
type Run = { id: string; status: string; gallery_ids: string[]; queue_position: number | null; error: { code: string } | null };
type Instance = Awaited<ReturnType<typeof spawnStudio>>;

const STREAMED = { model: 'gpt-image-1', quality: 'low', size: '1024x1024', stream: true, partial_images: 3 };
const LEASE_MS = 1500;

const create = async (url: string, body: unknown, person = 'ana') => {
  const response = await fetch(`${url}/api/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user': person }, body: JSON.stringify(body) });
  expect(response.status).toBe(202);
  return (await response.json()) as Run;
};
const read = async (url: string, id: string, person = 'ana') => (await (await fetch(`${url}/api/v1/runs/${id}`, { headers: { 'x-user': person } })).json()) as Run;
const events = (url: string, id: string, until?: (event: SeenEvent) => boolean) => readRunEvents(`${url}/api/v1/runs/${id}/events`, { headers: { 'x-user': 'ana' }, until });
const blobCount = (dir: string) => {
  try {
    return readdirSync(path.join(dir, 'blobs', 'images')).length;
  } catch {
    return 0;
  }
};

describe('instances sharing the PostgreSQL server', () => {
  let schema: Awaited<ReturnType<typeof postgresSchema>>;
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  const env = () => ({
    DATABASE_URL: schema.url,
    STUDIO_DATA_DIR: dataDir,
    STUDIO_AUTH_HEADER: 'x-user',
    STUDIO_RUNS_TEAM: '2',
    STUDIO_RUN_LEASE_MS: String(LEASE_MS),
    SIMULATOR_LATENCY_MS: '0',
    OPENAI_MAX_RETRIES: '0',
    OPENAI_API_KEY: '',
  });
  const ledgerState = async (runId: string) => {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ state: string }>('select l.state from spend_ledger l join runs r on r.ledger_id = l.id where r.id = $1', [runId]);
      return rows[0]?.state;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    schema = await postgresSchema('runs_instances');
    dataDir = mkdtempSync(path.join(tmpdir(), 'studio-runs-shared-'));
    [a, b] = await Promise.all([spawnStudio(env()), spawnStudio(env())]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a, b].map((i) => i.stop()));
    await schema.drop();
  });

  test('a run accepted by one instance is watched live and cancelled through the other', async () => {
    const run = await create(a.url, { ...STREAMED, prompt: 'watched elsewhere sim:latency=300' });
    const throughB = await events(b.url, run.id);
    const throughA = await events(a.url, run.id);
    expect(throughB.map((e) => e.id)).toEqual(throughA.map((e) => e.id));
    expect(throughB.map((e) => e.event)).toEqual(['run.queued', 'run.in_progress', ...Array(3).fill('image_generation.partial_image'), 'image_generation.completed', 'run.completed']);
    // Stored completed events point at the gallery instead of carrying the bytes.
    expect(throughB[5]!.data.image_url).toMatch(/\/api\/v1\/gallery\/img_\w+\/image$/);

    const second = await create(a.url, { ...STREAMED, prompt: 'cancelled elsewhere sim:latency=400' });
    await events(b.url, second.id, (e) => e.event.endsWith('partial_image'));
    const cancelled = (await (await fetch(`${b.url}/api/v1/runs/${second.id}/cancel`, { method: 'POST', headers: { 'x-user': 'ana' } })).json()) as Run;
    expect(cancelled.status).toBe('cancelled');
    expect((await read(a.url, second.id)).gallery_ids).toEqual([]);
    expect(await ledgerState(second.id)).toBe('released');
  });

  test('the team limit is counted across instances; the queue moves on when a slot frees', async () => {
    const one = await create(a.url, { ...STREAMED, prompt: 'slot one sim:latency=300' }, 'bo');
    const two = await create(b.url, { ...STREAMED, prompt: 'slot two sim:latency=300' }, 'cy');
    const three = await create(a.url, { ...STREAMED, prompt: 'waits for a slot', partial_images: 1 }, 'di');
    expect([one.status, two.status, three.status]).toEqual(['running', 'running', 'queued']);
    expect(three.queue_position).toBe(1);
    const ended = await waitForRun(() => read(b.url, three.id, 'di'));
    expect(ended.status).toBe('completed');
  });

  test('an instance killed mid-run: its run reads interrupted within the lease, nothing kept, nothing charged', async () => {
    const c = await spawnStudio(env());
    const blobsBefore = blobCount(dataDir);
    const run = await create(c.url, { ...STREAMED, prompt: 'killed mid-run sim:latency=700' });
    await events(a.url, run.id, (e) => e.event.endsWith('partial_image'));
    const killedAt = Date.now();
    await c.kill();
    const ended = await waitForRun(() => read(a.url, run.id), undefined, 10_000);
    expect(ended.status).toBe('interrupted');
    expect(ended.error?.code).toBe('run_interrupted');
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS * 3);
    expect(ended.gallery_ids).toEqual([]);
    expect(blobCount(dataDir)).toBe(blobsBefore);
    expect(await ledgerState(run.id)).toBe('released');
    // Its watchers hear the end too.
    const seen = await events(b.url, run.id);
    expect(seen[seen.length - 1]!.event).toBe('run.interrupted');
  });

  test('SIGTERM lets a run in flight finish and be kept before the instance exits', async () => {
    const d = await spawnStudio(env());
    const run = await create(d.url, { ...STREAMED, prompt: 'finishes on shutdown sim:latency=300' });
    await events(a.url, run.id, (e) => e.event.endsWith('partial_image'));
    await d.stop();
    const ended = await read(a.url, run.id);
    expect(ended.status).toBe('completed');
    expect(ended.gallery_ids).toHaveLength(1);
  });
});

describe('the embedded database', () => {
  test('killed mid-run and started again on the same data: the run reads interrupted, nothing kept or charged', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'studio-runs-embedded-'));
    const env = { STUDIO_DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: '0', OPENAI_MAX_RETRIES: '0', OPENAI_API_KEY: '', DATABASE_URL: '' };
    const first = await spawnStudio(env);
    const run = await create(first.url, { ...STREAMED, prompt: 'embedded crash sim:latency=700' });
    await events(first.url, run.id, (e) => e.event.endsWith('partial_image'));
    await first.kill();
    const again = await spawnStudio(env);
    try {
      const ended = await read(again.url, run.id);
      expect(ended.status).toBe('interrupted');
      expect(ended.gallery_ids).toEqual([]);
      expect(blobCount(dataDir)).toBe(0);
      const spend = (await (await fetch(`${again.url}/api/v1/budget`)).json()) as { person_spent_today_usd: number; team_spent_today_usd: number };
      expect(spend).toMatchObject({ person_spent_today_usd: 0, team_spent_today_usd: 0 });
    } finally {
      await again.stop();
    }
  }, 120_000);
});
