/**
 * Load: two production studio instances sharing one PostgreSQL server and one
 * S3-compatible store (s3rver on loopback), signed in by a trusted header, with 100
 * simulated people generating, editing and browsing the gallery for a bounded time.
 * Afterwards every image an answer reported is fetched back through the other
 * instance: row, original bytes (compared with what was answered) and thumbnail.
 *
 * Printed: requests per second, latency percentiles per action (against the same
 * action by one person on an idle studio, measured first in the same run), errors
 * other than the intended limits, and each instance's memory (peak against idle).
 * Bounded: BENCH_LOAD_SECONDS (default 45) and BENCH_LOAD_REQUESTS (default 5000).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { mb, percentile, postgresSchema, rssOfTree, startStudio, stop } from './lib';
import { fmt, type Row } from './table';

const PEOPLE = Number(process.env.BENCH_LOAD_PEOPLE ?? 100);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 45);
const MAX_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 5000);

type Action = 'generate' | 'edit' | 'browse';
type Outcome = { action: Action; ms: number; status: number; limited: boolean };
type Reported = { id: string; sha256: string; via: number };

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What one person does: mostly generate, sometimes edit their last image, often look around. */
function pickAction(hasImage: boolean): Action {
  const r = Math.random();
  if (r < 0.5) return 'generate';
  if (r < 0.7 && hasImage) return 'edit';
  return 'browse';
}

export async function benchLoad(): Promise<Row[]> {
  const schema = await postgresSchema('bench_load');
  const s3dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-s3-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: 'studio', configs: [] }] });
  const { port: s3port } = (await s3.run()) as { port: number };
  const env = {
    DATABASE_URL: schema.url,
    S3_BUCKET: 'studio',
    S3_ENDPOINT: `http://127.0.0.1:${s3port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    STUDIO_AUTH_HEADER: 'x-user',
    // An intended limit: bursts past 12 a minute are refused (429) and counted apart.
    STUDIO_RATE_PERSON_PER_MINUTE: '12',
    SIMULATOR_LATENCY_MS: '50',
  };
  const instance = () => startStudio({ ...env, STUDIO_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'studio-bench-load-')) }, 120_000);
  const instances = [await instance(), await instance()];
  const mask = await sharp({ create: { width: 256, height: 256, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();

  let sent = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const outcomes: Outcome[] = [];
  const reported: Reported[] = [];
  const errors = new Map<string, number>();

  async function act(person: string, action: Action, instance: number, last: Reported | undefined): Promise<Reported | undefined> {
    const base = instances[instance]!.base;
    const headers = { 'x-user': person };
    const started = performance.now();
    let status = 0;
    let limited = false;
    let made: Reported | undefined;
    try {
      if (action === 'browse') {
        const list = await fetch(`${base}/api/v1/gallery?limit=24${Math.random() < 0.5 ? '&mine=true' : ''}`, { headers });
        status = list.status;
        const page = (await list.json()) as { data?: Array<{ id: string; thumbnail_url: string }> };
        const first = page.data?.[0];
        if (first) {
          const [detail, thumb] = await Promise.all([fetch(`${base}/api/v1/gallery/${first.id}`, { headers }), fetch(`${base}/api/v1/gallery/${first.id}/thumbnail`, { headers })]);
          await Promise.all([detail.arrayBuffer(), thumb.arrayBuffer()]);
          if (!detail.ok || !thumb.ok) status = detail.ok ? thumb.status : detail.status;
        }
      } else {
        let res: Response;
        if (action === 'generate') {
          res = await fetch(`${base}/api/v1/images/generations`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'dall-e-2', prompt: `${person} load test ${sent}`, size: '256x256', response_format: 'b64_json' }),
          });
        } else {
          const source = await fetch(`${base}/api/v1/gallery/${last!.id}/image`, { headers });
          const form = new FormData();
          form.append('model', 'dall-e-2');
          form.append('prompt', `${person} edit ${sent}`);
          form.append('size', '256x256');
          form.append('response_format', 'b64_json');
          form.append('image', new Blob([new Uint8Array(await source.arrayBuffer())], { type: 'image/png' }), 'image.png');
          form.append('mask', new Blob([new Uint8Array(mask)], { type: 'image/png' }), 'mask.png');
          res = await fetch(`${base}/api/v1/images/edits`, { method: 'POST', headers, body: form });
        }
        status = res.status;
        const body = (await res.json()) as { data?: Array<{ gallery_id: string; b64_json: string }>; error?: { code: string } };
        limited = res.status === 429 && body.error?.code === 'rate_limit_exceeded';
        const image = body.data?.[0];
        if (res.ok && image) made = { id: image.gallery_id, sha256: sha(Buffer.from(image.b64_json, 'base64')), via: instance };
      }
    } catch (error) {
      errors.set(`${action}: ${(error as Error).message}`, (errors.get(`${action}: ${(error as Error).message}`) ?? 0) + 1);
    }
    const ms = performance.now() - started;
    outcomes.push({ action, ms, status, limited });
    if (status && status >= 400 && !limited) errors.set(`${action}: HTTP ${status}`, (errors.get(`${action}: HTTP ${status}`) ?? 0) + 1);
    if (made) reported.push(made);
    return made;
  }

  // Baseline: each action by one person on the idle pair, before the crowd arrives.
  const idleRss = instances.map((i) => rssOfTree(i.process.pid!));
  const baseline: Record<Action, number[]> = { generate: [], edit: [], browse: [] };
  let seedImage: Reported | undefined;
  for (let i = 0; i < 10; i++) {
    for (const action of ['generate', 'edit', 'browse'] as const) {
      const before = outcomes.length;
      seedImage = (await act('baseline', action, i % 2, seedImage)) ?? seedImage;
      baseline[action].push(outcomes[before]!.ms);
    }
  }
  outcomes.length = 0;

  const peakRss = [...idleRss];
  const sampler = setInterval(() => instances.forEach((inst, i) => (peakRss[i] = Math.max(peakRss[i]!, rssOfTree(inst.process.pid!)))), 500);
  const loadStarted = performance.now();
  await Promise.all(
    Array.from({ length: PEOPLE }, async (_, p) => {
      const person = `person-${p}`;
      let last: Reported | undefined;
      // Arrivals spread over the first two seconds, then a pause of 0.5–2.5 s between actions.
      await new Promise((r) => setTimeout(r, Math.random() * 2000));
      while (Date.now() < deadline && sent < MAX_REQUESTS) {
        sent++;
        last = (await act(person, pickAction(last !== undefined), sent % 2, last)) ?? last;
        await new Promise((r) => setTimeout(r, 500 + Math.random() * 2000));
      }
    }),
  );
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  clearInterval(sampler);

  // Every image an answer reported, read back through the other instance.
  let intact = 0;
  const missing: string[] = [];
  const queue = [...reported];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let item = queue.pop(); item; item = queue.pop()) {
        const base = instances[1 - item.via]!.base;
        const headers = { 'x-user': 'auditor' };
        const [row, bytes, thumb] = await Promise.all([
          fetch(`${base}/api/v1/gallery/${item.id}`, { headers }),
          fetch(`${base}/api/v1/gallery/${item.id}/image`, { headers }),
          fetch(`${base}/api/v1/gallery/${item.id}/thumbnail`, { headers }),
        ]);
        const same = bytes.ok && sha(Buffer.from(await bytes.arrayBuffer())) === item.sha256;
        await row.arrayBuffer();
        await thumb.arrayBuffer();
        if (row.ok && same && thumb.ok) intact++;
        else missing.push(item.id);
      }
    }),
  );

  await Promise.all(instances.map((instance) => stop(instance.process)));
  await s3.close();
  await schema.drop();
  rmSync(s3dir, { recursive: true, force: true });

  const rows: Row[] = [];
  const done = outcomes.length;
  const limitedCount = outcomes.filter((o) => o.limited).length;
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  rows.push({ name: `requests (${PEOPLE} people, ${loadSeconds.toFixed(0)} s, 2 instances)`, baseline: '—', studio: `${done}, ${(done / loadSeconds).toFixed(1)}/s`, ratio: '—', target: 'bounded', ok: done <= MAX_REQUESTS });
  for (const action of ['generate', 'edit', 'browse'] as const) {
    const ms = outcomes.filter((o) => o.action === action && !o.limited).map((o) => o.ms);
    const idle = percentile(baseline[action], 50);
    rows.push({
      name: `${action}: p50 / p95 / p99 (n=${ms.length})`,
      baseline: `${fmt(idle)} idle p50`,
      studio: `${percentile(ms, 50).toFixed(0)} / ${percentile(ms, 95).toFixed(0)} / ${percentile(ms, 99).toFixed(0)} ms`,
      ratio: `${(percentile(ms, 95) / idle).toFixed(1)}× p95`,
      target: '—',
      ok: null,
    });
  }
  rows.push({ name: 'errors other than intended limits', baseline: '0', studio: String(errorCount), ratio: '—', target: '0', ok: errorCount === 0 });
  rows.push({ name: 'refused by the per-minute limit (intended)', baseline: '—', studio: String(limitedCount), ratio: '—', target: '—', ok: null });
  rows.push({ name: 'reported images intact afterwards', baseline: String(reported.length), studio: String(intact), ratio: `${((intact / Math.max(1, reported.length)) * 100).toFixed(1)} %`, target: '100 %', ok: intact === reported.length && reported.length > 0 });
  instances.forEach((_, i) => {
    const ratio = peakRss[i]! / idleRss[i]!;
    // Bounded: the peak under 100 people stays within a small, fixed budget per instance.
    rows.push({ name: `instance ${i + 1} memory: peak vs idle`, baseline: `${mb(idleRss[i]!).toFixed(0)} MB`, studio: `${mb(peakRss[i]!).toFixed(0)} MB`, ratio: `${ratio.toFixed(2)}×`, target: '< 512 MB', ok: mb(peakRss[i]!) < 512 });
  });
  if (errors.size) for (const [what, n] of errors) console.error(`  error ×${n}: ${what}`);
  if (missing.length) console.error(`  missing or damaged: ${missing.slice(0, 10).join(', ')}`);
  return rows;
}
