/**
 * The studio's relay measured against the simulator it relays, in one run on loopback:
 *   1. time to first partial image and to the final image: straight from the simulator
 *      versus through the studio (production build), interleaved runs;
 *   2. the delay the studio adds to each relayed partial image (from the simulator's send
 *      stamp), and the time it holds each completed image to save it first;
 *   3. 50 concurrent streamed generations through the studio: its memory growth.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort, mb, median, percentile, rssOfTree, start, stop, timeStream, waitFor, type StreamTiming } from './lib';
import { fmt, signed, type Row } from './table';

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
const LATENCY_MS = 100;
const KEY = 'sk-bench-0000000000000000';
/** Extra node flags for the studio process, e.g. BENCH_STUDIO_NODE_FLAGS=--trace-gc. */
const STUDIO_NODE_FLAGS = (process.env.BENCH_STUDIO_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const HAS_TASKSET = os.cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;


export async function benchRelay(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-relay-'));

  const simPort = await freePort();
  const studioPort = await freePort();
  // The simulator's rendering bursts get a core of their own, so they cannot delay the
  // studio or this client. The studio and this client share the other core: they work
  // in turn (the studio relays, then the client reads a few header bytes).
  const pin = (core: number, argv: string[]): [string, string[]] => (HAS_TASKSET ? ['taskset', ['-c', String(core), ...argv]] : [argv[0]!, argv.slice(1)]);
  // This process is pinned only while it measures the relay: the benchmarks after it
  // (and every process they start, which inherits the pinning) get all the cores back.
  const allCores = `0-${os.cpus().length - 1}`;
  if (HAS_TASKSET) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const simulator = start(...pin(0, [process.execPath, path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/simulator.ts'), '--port', String(simPort), '--latency', String(LATENCY_MS), '--api-key', KEY]), { VIPS_CONCURRENCY: '1' });
  const studio = start(...pin(1, [process.execPath, ...STUDIO_NODE_FLAGS, path.join(root, 'scripts/serve.mjs')]), {
    PORT: String(studioPort),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: `http://127.0.0.1:${simPort}/v1`,
    NEXT_TELEMETRY_DISABLED: '1',
    STUDIO_DATA_DIR: dataDir,
    DATABASE_URL: '',
    S3_BUCKET: '',
  });
  const stopBoth = () => Promise.all([stop(simulator), stop(studio)]);
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await waitFor(`http://127.0.0.1:${simPort}/v1/__simulator/stats`);
    await waitFor(`http://127.0.0.1:${studioPort}/api/health`);

    const direct = `http://127.0.0.1:${simPort}/v1/images/generations`;
    const viaStudio = `http://127.0.0.1:${studioPort}/api/v1/images/generations`;
    const body = { model: 'gpt-image-1.5', prompt: 'benchmark lighthouse', size: '1024x1024', stream: true, partial_images: 2 };
    const auth = { authorization: `Bearer ${KEY}` };

    // Warm both paths (JIT, route compilation, connection pools) before measuring.
    for (let i = 0; i < 3; i++) {
      await timeStream(direct, body, auth);
      await timeStream(viaStudio, body);
    }
    const d: StreamTiming[] = [];
    const s: StreamTiming[] = [];
    for (let i = 0; i < RUNS; i++) {
      d.push(await timeStream(direct, { ...body, prompt: `${body.prompt} ${i}` }, auth));
      s.push(await timeStream(viaStudio, { ...body, prompt: `${body.prompt} ${i}` }));
    }
    const firstD = median(d.map((t) => t.firstPartialMs!));
    const firstS = median(s.map((t) => t.firstPartialMs!));
    const finalD = median(d.map((t) => t.finalMs!));
    const finalS = median(s.map((t) => t.finalMs!));
    rows.push({ name: 'time to first partial (median)', baseline: fmt(firstD), studio: fmt(firstS), ratio: (firstS / firstD).toFixed(3), target: '≤ 1.10', ok: firstS / firstD <= 1.1 });
    rows.push({ name: 'time to final image (median)', baseline: fmt(finalD), studio: fmt(finalS), ratio: (finalS / finalD).toFixed(3), target: '(reported)', ok: null });

    // Relay delay. Each event carries the simulator's send time; transit is its arrival
    // here minus that. Loopback on a shared machine has a tail of its own, so the studio
    // is judged by how far its transit quantiles sit above the direct path's, measured
    // in the same run. Partial images pass straight through; a completed image is held
    // until it is saved (bytes, thumbnail, row), which is reported on its own.
    const partials = (runs: StreamTiming[]) => runs.flatMap((t) => t.transitMs.slice(0, -1));
    const finals = (runs: StreamTiming[]) => runs.map((t) => t.transitMs.at(-1)!);
    for (const q of [50, 99]) {
      const base = percentile(partials(d), q);
      const through = percentile(partials(s), q);
      rows.push({
        name: `partial image transit p${q} (added by studio)`,
        baseline: fmt(base),
        studio: fmt(through),
        ratio: signed(through - base),
        target: q === 99 ? '≤ +5 ms' : '(reported)',
        ok: q === 99 ? through - base <= 5 : null,
      });
    }
    const held = median(finals(s)) - median(finals(d));
    rows.push({ name: 'completed image held to save it (median)', baseline: fmt(median(finals(d))), studio: fmt(median(finals(s))), ratio: signed(held), target: '(reported)', ok: null });

    // Memory under 50 concurrent streams.
    const before = rssOfTree(studio.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOfTree(studio.pid!))), 50);
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: CONCURRENT }, (_, i) => timeStream(viaStudio, { ...body, prompt: `concurrent ${i}` })));
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    const failed = results.filter((r) => r.status === 'rejected').length;
    const growth = mb(peak - before);
    rows.push({ name: `${CONCURRENT} concurrent streams: memory growth`, baseline: `${mb(before).toFixed(0)} MB idle`, studio: `${mb(peak).toFixed(0)} MB peak`, ratio: `+${growth.toFixed(0)} MB`, target: '< 200 MB', ok: growth < 200 && failed === 0 });
    rows.push({ name: `${CONCURRENT} concurrent streams: wall time`, baseline: '', studio: fmt(elapsed), ratio: `${failed} failed`, target: '0 failed', ok: failed === 0 });

    return rows;
  } finally {
    await stopBoth();
    if (HAS_TASKSET) execFileSync('taskset', ['-cp', allCores, String(process.pid)], { stdio: 'ignore' });
    cleanup();
  }
}

export const RELAY_SETUP = `${RUNS} runs each way, simulator latency ${LATENCY_MS} ms per event, gpt-image-1.5 1024x1024 with 2 partial images`;
