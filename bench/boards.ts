/**
 * Boards, on the production studio (scripts/serve.mjs) with the built-in simulator:
 *   1. a board of 500 images: the server time of its page (the grid's first paint needs
 *      nothing else), beside /api/health on the same server;
 *   2. a zip of 100 real-size originals: its throughput against reading the same blobs
 *      straight from storage through the image route (and, for scale, from disk with no
 *      HTTP), and the studio's memory growth while it streams.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
import { fileBlobStore } from '../lib/storage/file-store';
import { mb, now, percentile, rssOfTree, startStudio, stop } from './lib';
import { fmt, type Row } from './table';

const BOARD_IMAGES = Number(process.env.BENCH_BOARD_IMAGES ?? 500);
const ZIP_IMAGES = Number(process.env.BENCH_ZIP_IMAGES ?? 100);
const SAMPLES = Number(process.env.BENCH_BOARD_SAMPLES ?? 200);

/** Downloads `url` with node:http, counting its bytes. */
function download(url: string, agent?: http.Agent): Promise<{ bytes: number; ms: number }> {
  const t0 = now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
        res.on('end', () => resolve({ bytes, ms: now() - t0 }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function timed(url: string): Promise<number> {
  const t0 = now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return now() - t0;
}

/** Makes `n` images through the studio (the simulator, quickly), `size` each; returns their ids. */
async function makeImages(base: string, n: number, body: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, async (_, j) => {
        const res = await fetch(`${base}/api/v1/images/generations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, prompt: `bench board ${i + j}` }) });
        if (!res.ok) throw new Error(`generation answered ${res.status}: ${await res.text()}`);
        return ((await res.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

/** Uploads `n` distinct noise PNGs as the inputs of variations; returns the inputs' gallery ids. */
async function uploadOriginals(base: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, n - i) }, async () => {
        const noise = randomBytes(1024 * 1024 * 3).map((b) => b & 0x3f);
        const png = await sharp(noise, { raw: { width: 1024, height: 1024, channels: 3 } }).png().toBuffer();
        const form = new FormData();
        form.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'original.png');
        form.append('model', 'dall-e-2');
        form.append('size', '256x256');
        const res = await fetch(`${base}/api/v1/images/variations`, { method: 'POST', body: form });
        if (!res.ok) throw new Error(`variation answered ${res.status}: ${await res.text()}`);
        const outputId = ((await res.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
        const output = (await (await fetch(`${base}/api/v1/gallery/${outputId}`)).json()) as { parent_ids: string[] };
        return output.parent_ids[0]!;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

export async function benchBoards(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-boards-'));
  const studio = await startStudio({ STUDIO_DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: '0' });
  try {
    const { base } = studio;
    const small = await makeImages(base, BOARD_IMAGES, { model: 'dall-e-2', size: '256x256' });
    const board = (await (await fetch(`${base}/api/v1/boards`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ name: 'bench board', image_ids: small }) })).json()) as { id: string };
    // Warm both routes alike (compiled code paths, caches), one request at a time as measured.
    for (let i = 0; i < 30; i++) {
      await timed(`${base}/boards/${board.id}`);
      await timed(`${base}/api/health`);
    }
    const page: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      page.push(await timed(`${base}/boards/${board.id}`));
      health.push(await timed(`${base}/api/health`));
    }
    const p95 = percentile(page, 95);
    rows.push({ name: `board of ${BOARD_IMAGES} images: page server time (p95)`, baseline: `${fmt(percentile(health, 95))} health`, studio: fmt(p95), ratio: (p95 / percentile(health, 95)).toFixed(1), target: '≤ 30 ms', ok: p95 <= 30 });

    // 100 originals of a real size: the simulator's own pictures compress to ~70 kB, so the
    // originals are uploads (the inputs of variations, kept in the gallery as they came), each
    // a 1024×1024 PNG of noise of about 1.9 MB, like a photograph-like model output.
    const large = await uploadOriginals(base, ZIP_IMAGES);
    const zipBoard = (await (await fetch(`${base}/api/v1/boards`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ name: 'bench zip', image_ids: large }) })).json()) as { id: string };
    // The baseline: the same blobs read straight from storage through the studio's image
    // route (which sends the stored bytes as they are), one by one over a kept-alive
    // connection, with the same client as the zip. Beside it, for scale, the same files read
    // from disk in this process with no HTTP at all (no target: a zip cannot beat that).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const oneByOne = async () => {
      let bytes = 0;
      const t0 = now();
      for (const id of large) bytes += (await download(`${base}/api/v1/gallery/${id}/image`, agent)).bytes;
      return { bytes, ms: now() - t0 };
    };
    const store = fileBlobStore(path.join(dataDir, 'blobs'));
    const fromDisk = async () => {
      const t0 = now();
      let bytes = 0;
      for (const id of large) bytes += (await store.get(`images/${id}/original.png`))!.data.byteLength;
      return { bytes, ms: now() - t0 };
    };
    const median = async (run: () => Promise<{ bytes: number; ms: number }>) => {
      const runs = [await run(), await run(), await run(), await run()];
      return runs.slice(1).sort((a, b) => a.ms - b.ms)[1]!; // the first warms up
    };
    const direct = await median(oneByOne);
    const disk = await median(fromDisk);
    agent.destroy();
    // The zip is read with node:http (a light client: fetch's web streams cost more CPU than
    // the server on this 2-core machine): twice to warm the route, then three times.
    for (let i = 0; i < 2; i++) await download(`${base}/api/v1/boards/${zipBoard.id}/zip`);
    const before = rssOfTree(studio.process.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOfTree(studio.process.pid!))), 50);
    const runs: Array<{ bytes: number; ms: number }> = [];
    for (let i = 0; i < 3; i++) runs.push(await download(`${base}/api/v1/boards/${zipBoard.id}/zip`));
    clearInterval(sampler);
    const zip = runs.sort((a, b) => a.ms - b.ms)[1]!;
    const rate = (r: { bytes: number; ms: number }) => mb(r.bytes) / (r.ms / 1000);
    const ratio = rate(zip) / rate(direct);
    rows.push({ name: `zip of ${ZIP_IMAGES} originals (${mb(zip.bytes).toFixed(0)} MB): throughput, median of 3`, baseline: `${rate(direct).toFixed(0)} MB/s image route`, studio: `${rate(zip).toFixed(0)} MB/s`, ratio: ratio.toFixed(2), target: '≥ 0.8', ok: ratio >= 0.8 });
    rows.push({ name: '  the same, against reading the files from disk in-process', baseline: `${rate(disk).toFixed(0)} MB/s disk`, studio: `${rate(zip).toFixed(0)} MB/s`, ratio: (rate(zip) / rate(disk)).toFixed(2), target: '(for scale)', ok: true });
    const growth = mb(peak - before);
    rows.push({ name: `zip of ${ZIP_IMAGES} originals: memory growth`, baseline: `${mb(before).toFixed(0)} MB idle`, studio: `${mb(peak).toFixed(0)} MB peak`, ratio: `+${growth.toFixed(0)} MB`, target: '≤ 64 MB', ok: growth <= 64 });
    return rows;
  } finally {
    await stop(studio.process);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
