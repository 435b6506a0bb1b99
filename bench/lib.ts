import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createServer } from 'node:net';
import path from 'node:path';
import { SseFramer } from '../lib/images/sse-frames';

/** Small helpers shared by the benchmarks: processes, ports, SSE timing, statistics. */

export const now = () => performance.timeOrigin + performance.now();

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const stopping = new WeakSet<ChildProcess>();

export function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  // A process group of its own, so stopping it stops what it started too (next start forks its server).
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (process.env.BENCH_VERBOSE) child.stdout?.on('data', (d: Buffer) => process.stdout.write(d));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${path.basename(args.find((a) => a.endsWith('.ts') || a.endsWith('next')) ?? command)}] ${d}`));
  child.on('exit', (code) => {
    // A process this bench stopped itself is not a failure.
    if (code && !child.killed && !stopping.has(child)) {
      console.error(`${args.join(' ')} exited with ${code}`);
      process.exit(1);
    }
  });
  return child;
}

/** Stops a process started by `start` and everything it started, and waits until it has gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms`);
}

/** Resident memory of a process and its descendants, in bytes. */
export function rssOfTree(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      return;
    }
    let children = '';
    try {
      children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(p)], { encoding: 'utf8' });
    } catch {
      // no children
    }
    for (const child of children.split('\n').map((s) => Number(s.trim())).filter(Boolean)) visit(child);
  };
  visit(pid);
  return total;
}

export type StreamTiming = {
  firstPartialMs: number | null;
  finalMs: number | null;
  /** Per event: arrival at this client minus the simulator's send stamp, in ms. */
  transitMs: number[];
  events: number;
};

const HEAD = /"type":"([^"]+)","sim_sent_at":([0-9.]+)/;
const headDecoder = new TextDecoder();

/**
 * Times one streamed request. Frames are split as bytes and only their first bytes are
 * read, so the client's own decoding and garbage collection stay out of the figures.
 */
export async function timeStream(url: string, body: unknown, headers: Record<string, string> = {}): Promise<StreamTiming> {
  const started = now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const timing: StreamTiming = { firstPartialMs: null, finalMs: null, transitMs: [], events: 0 };
  const framer = new SseFramer();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const arrived = now();
    for (const frame of framer.push(chunk)) {
      const head = headDecoder.decode((frame[0]!.length >= 200 ? frame[0]! : Buffer.concat(frame)).subarray(0, 200));
      if (head.startsWith(':')) continue;
      const match = HEAD.exec(head);
      if (!match) throw new Error(`unexpected event: ${head}`);
      timing.events++;
      timing.transitMs.push(arrived - Number(match[2]));
      if (match[1]!.endsWith('partial_image') && timing.firstPartialMs === null) timing.firstPartialMs = arrived - started;
      if (match[1]!.endsWith('completed')) timing.finalMs = arrived - started;
    }
  }
  return timing;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: number[]) => percentile(values, 50);
export const mb = (bytes: number) => bytes / (1024 * 1024);

/**
 * The production studio (scripts/serve.mjs, as `npm run studio` serves it) on a free port, on the built-in simulator unless
 * `env` says otherwise, with `env` on top; resolves once it answers.
 */
export async function startStudio(env: Record<string, string>, readyWithinMs = 60_000): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const root = path.resolve(__dirname, '..');
  const child = start(process.execPath, [path.join(root, 'scripts/serve.mjs')], {
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    DATABASE_URL: '',
    S3_BUCKET: '',
    OPENAI_API_KEY: '',
    NEXT_TELEMETRY_DISABLED: '1',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, readyWithinMs);
  return { base, process: child };
}

/** The studio on the built-in simulator with its gallery in `dataDir` (embedded database, files). */
export const startStudioOnSimulator = (dataDir: string) => startStudio({ STUDIO_DATA_DIR: dataDir });

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A fresh schema on this machine's PostgreSQL server: its URL, and a way to drop it. */
export async function postgresSchema(label: string) {
  const schema = `${label}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
