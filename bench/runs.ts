/**
 * Runs measured against the direct Images API route, in one run on loopback:
 *   1. time to the first partial image through a run (create, then its events) versus
 *      the direct `/images/generations` stream, both through the same studio and
 *      simulator, interleaved;
 *   2. in Chromium, a reload mid-run until the run's latest partial image is shown
 *      again, beside a reload of the same page with nothing running;
 *   3. 200 concurrent runs across two instances sharing PostgreSQL, each watched by two
 *      clients (one through each instance): lost or repeated events, failed runs, and
 *      each instance's memory growth.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SseFramer } from '../lib/images/sse-frames';
import { freePort, mb, median, now, percentile, postgresSchema, rssOfTree, start, startStudio, stop, timeStream, waitFor } from './lib';
import { fmt, type Row } from './table';

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const RELOADS = Number(process.env.BENCH_RELOADS ?? 20);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT_RUNS ?? 200);
const KEY = 'sk-bench-0000000000000000';
const BODY = { model: 'gpt-image-1.5', prompt: 'benchmark lighthouse', size: '1024x1024', stream: true, partial_images: 2 };

type Seen = { seq: number; type: string };
const decoder = new TextDecoder();

/** Reads a run's events: the time to its first partial image, and every sequence number seen. */
async function watch(url: string, started = now(), headers: Record<string, string> = {}): Promise<{ firstPartialMs: number | null; seen: Seen[] }> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const framer = new SseFramer();
  const seen: Seen[] = [];
  let firstPartialMs: number | null = null;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const arrived = now();
    for (const frame of framer.push(chunk)) {
      const head = decoder.decode((frame[0]!.length >= 120 ? frame[0]! : Buffer.concat(frame)).subarray(0, 120));
      const match = /^id: (\d+)\nevent: (\S+)/.exec(head);
      if (!match) continue;
      seen.push({ seq: Number(match[1]), type: match[2]! });
      if (match[2]!.endsWith('partial_image') && firstPartialMs === null) firstPartialMs = arrived - started;
    }
  }
  return { firstPartialMs, seen };
}

async function createRun(base: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${base}/api/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** 1 to n, once each, in order, ending with the run's completion. */
const complete = (seen: Seen[]) => seen.every((e, i) => e.seq === i + 1) && seen.at(-1)?.type === 'run.completed';

async function timeToFirstPartial(rows: Row[]) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-runs-'));
  const simPort = await freePort();
  const simulator = start(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/simulator.ts'), '--port', String(simPort), '--latency', '100', '--api-key', KEY], {});
  try {
    await waitFor(`http://127.0.0.1:${simPort}/v1/__simulator/stats`);
    const studio = await startStudio({ STUDIO_DATA_DIR: dataDir, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `http://127.0.0.1:${simPort}/v1` });
    try {
      const direct = `${studio.base}/api/v1/images/generations`;
      const viaRun = async (prompt: string) => {
        const started = now();
        const id = await createRun(studio.base, { ...BODY, prompt });
        return watch(`${studio.base}/api/v1/runs/${id}/events`, started);
      };
      for (let i = 0; i < 3; i++) {
        await timeStream(direct, BODY);
        await viaRun(BODY.prompt);
      }
      const d: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        d.push((await timeStream(direct, { ...BODY, prompt: `${BODY.prompt} ${i}` })).firstPartialMs!);
        r.push((await viaRun(`${BODY.prompt} run ${i}`)).firstPartialMs!);
      }
      const ratio = median(r) / median(d);
      rows.push({ name: 'time to first partial via a run (median)', baseline: fmt(median(d)), studio: fmt(median(r)), ratio: ratio.toFixed(3), target: '≤ 1.10', ok: ratio <= 1.1 });
      await reloadToPartial(rows, studio.base);
    } finally {
      await stop(studio.process);
    }
  } finally {
    await stop(simulator);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Reload mid-run until the run's latest partial image is on screen again, in Chromium. */
async function reloadToPartial(rows: Row[], base: string) {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage({ baseURL: base });
    const shown = (id: string) =>
      page.waitForFunction(
        (runId) => {
          const img = document.querySelector<HTMLImageElement>(`[data-run-id="${runId}"] [data-testid="result"] img`);
          return Boolean(img && img.complete && img.naturalWidth > 0);
        },
        id,
        { timeout: 10_000, polling: 'raf' },
      );
    const baseline: number[] = [];
    const reloaded: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      // A long run (partials one second apart) to reload in the middle of.
      const id = await createRun(base, { ...BODY, prompt: `reloaded ${i} sim:latency=1000`, partial_images: 3 });
      await page.goto('/');
      await shown(id);
      const t0 = now();
      await page.reload();
      await shown(id);
      reloaded.push(now() - t0);
      // The same reload of the same page to its composer, for scale.
      const t1 = now();
      await page.reload();
      await page.getByLabel('Prompt').waitFor();
      baseline.push(now() - t1);
      await fetch(`${base}/api/v1/runs/${id}/cancel`, { method: 'POST', headers: { origin: base } });
    }
    const p95 = percentile(reloaded, 95);
    rows.push({ name: 'reload mid-run to latest partial shown (p95)', baseline: `${fmt(percentile(baseline, 95))} page`, studio: fmt(p95), ratio: (p95 / percentile(baseline, 95)).toFixed(2), target: '≤ 1000 ms', ok: p95 <= 1000 });
  } finally {
    await browser.close();
  }
}

type Instance = Awaited<ReturnType<typeof startStudio>>;

/**
 * Two fresh instances sharing a fresh PostgreSQL schema, warmed up, and the peak memory
 * growth of each (from idle) while `work` runs on them.
 */
async function onFreshPair<T>(simPort: number, work: (instances: Instance[]) => Promise<T>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-runs-two-'));
  const schema = await postgresSchema('bench_runs');
  const env = {
    STUDIO_DATA_DIR: dataDir,
    DATABASE_URL: schema.url,
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: `http://127.0.0.1:${simPort}/v1`,
    STUDIO_AUTH_HEADER: 'x-user',
    STUDIO_RUNS_PER_PERSON: String(CONCURRENT),
    STUDIO_RUNS_TEAM: String(CONCURRENT),
  };
  const instances = [await startStudio(env), await startStudio(env)];
  try {
    // Warm both paths on both (route compilation, pools).
    for (const { base } of instances) {
      await timeStream(`${base}/api/v1/images/generations`, { ...BODY, partial_images: 1 }, { 'x-user': 'warm' });
      await watch(`${base}/api/v1/runs/${await createRun(base, { ...BODY, partial_images: 1 }, { 'x-user': 'warm' })}/events`, now(), { 'x-user': 'warm' });
    }
    const before = instances.map((i) => rssOfTree(i.process.pid!));
    const peak = [...before];
    const sampler = setInterval(() => instances.forEach((i, n) => (peak[n] = Math.max(peak[n]!, rssOfTree(i.process.pid!)))), 100);
    try {
      const result = await work(instances);
      return { result, growthMb: instances.map((_, n) => mb(peak[n]! - before[n]!)) };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await Promise.all(instances.map((i) => stop(i.process)));
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function concurrentRuns(rows: Row[]) {
  const simPort = await freePort();
  const simulator = start(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/simulator.ts'), '--port', String(simPort), '--latency', '200', '--api-key', KEY], {});
  try {
    await waitFor(`http://127.0.0.1:${simPort}/v1/__simulator/stats`);
    // The baseline: as many streams straight through the Images API route, half on each instance.
    const direct = await onFreshPair(simPort, (instances) =>
      Promise.allSettled(Array.from({ length: CONCURRENT }, (_, i) => timeStream(`${instances[i % 2]!.base}/api/v1/images/generations`, { ...BODY, prompt: `concurrent direct ${i}` }, { 'x-user': `person-${i % 20}` }))),
    );
    const started = now();
    const runs = await onFreshPair(simPort, (instances) =>
      Promise.allSettled(
        Array.from({ length: CONCURRENT }, async (_, i) => {
          const who = { 'x-user': `person-${i % 20}` };
          const id = await createRun(instances[i % 2]!.base, { ...BODY, prompt: `concurrent run ${i}` }, who);
          const watchers = await Promise.all(instances.map(({ base }) => watch(`${base}/api/v1/runs/${id}/events`, now(), who)));
          return watchers.map((w) => w.seen);
        }),
      ),
    );
    const elapsed = now() - started;

    const watched = runs.result.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const failed = runs.result.filter((r) => r.status === 'rejected').length + watched.filter((seen) => seen.at(-1)?.type !== 'run.completed').length / 2;
    const broken = watched.filter((seen) => !complete(seen)).length;
    rows.push({ name: `${CONCURRENT} runs × 2 watchers, 2 instances: streams`, baseline: `${watched.length} watched`, studio: fmt(elapsed), ratio: `${broken} broken`, target: '0 lost/dup', ok: broken === 0 && watched.length === CONCURRENT * 2 });
    rows.push({ name: `${CONCURRENT} runs: failed`, baseline: '', studio: '', ratio: `${failed} failed`, target: '0', ok: failed === 0 });
    const directFailed = direct.result.filter((r) => r.status === 'rejected').length;
    runs.growthMb.forEach((grew, n) => {
      const base = direct.growthMb[n]!;
      rows.push({
        name: `${CONCURRENT} runs: instance ${n + 1} memory growth`,
        baseline: `+${base.toFixed(0)} MB direct${directFailed ? ` (${directFailed} failed)` : ''}`,
        studio: `+${grew.toFixed(0)} MB`,
        ratio: (grew / base).toFixed(2),
        target: '≤ 200 MB',
        ok: grew <= 200,
      });
    });
  } finally {
    await stop(simulator);
  }
}

export async function benchRuns(): Promise<Row[]> {
  const rows: Row[] = [];
  await timeToFirstPartial(rows);
  await concurrentRuns(rows);
  return rows;
}
