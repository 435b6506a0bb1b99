/**
 * Boards, on the production studio (scripts/serve.mjs) with the built-in simulator:
 *   1. a board of 500 images: the server time of its page (the grid's first paint needs
 *      nothing else), beside /api/health on the same server;
 *   2. a zip of 100 originals: its throughput against downloading the same originals one
 *      by one from the image route (storage → HTTP), and the studio's memory growth
 *      while it streams.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mb, now, percentile, rssOfTree, startStudio, stop } from './lib';
import { fmt, type Row } from './table';

const BOARD_IMAGES = Number(process.env.BENCH_BOARD_IMAGES ?? 500);
const ZIP_IMAGES = Number(process.env.BENCH_ZIP_IMAGES ?? 100);
const SAMPLES = Number(process.env.BENCH_BOARD_SAMPLES ?? 60);

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

export async function benchBoards(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-boards-'));
  const studio = await startStudio({ STUDIO_DATA_DIR: dataDir, SIMULATOR_LATENCY_MS: '0' });
  try {
    const { base } = studio;
    const small = await makeImages(base, BOARD_IMAGES, { model: 'dall-e-2', size: '256x256' });
    const board = (await (await fetch(`${base}/api/v1/boards`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ name: 'bench board', image_ids: small }) })).json()) as { id: string };
    for (let i = 0; i < 5; i++) await Promise.all([timed(`${base}/boards/${board.id}`), timed(`${base}/api/health`)]);
    const page: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      page.push(await timed(`${base}/boards/${board.id}`));
      health.push(await timed(`${base}/api/health`));
    }
    const p95 = percentile(page, 95);
    rows.push({ name: `board of ${BOARD_IMAGES} images: page server time (p95)`, baseline: `${fmt(percentile(health, 95))} health`, studio: fmt(p95), ratio: (p95 / percentile(health, 95)).toFixed(1), target: '≤ 30 ms', ok: p95 <= 30 });

    // 100 originals of a real size (1024×1024 PNG, about a megabyte each).
    const large = await makeImages(base, ZIP_IMAGES, { model: 'gpt-image-1', size: '1024x1024', quality: 'low' });
    const zipBoard = (await (await fetch(`${base}/api/v1/boards`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ name: 'bench zip', image_ids: large }) })).json()) as { id: string };
    // The baseline: the same originals, one request each, straight from storage.
    let directBytes = 0;
    const d0 = now();
    for (const id of large) directBytes += (await (await fetch(`${base}/api/v1/gallery/${id}/image`)).arrayBuffer()).byteLength;
    const directMs = now() - d0;
    const before = rssOfTree(studio.process.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOfTree(studio.process.pid!))), 50);
    let zipBytes = 0;
    const z0 = now();
    const res = await fetch(`${base}/api/v1/boards/${zipBoard.id}/zip`);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) zipBytes += chunk.byteLength;
    const zipMs = now() - z0;
    clearInterval(sampler);
    const direct = mb(directBytes) / (directMs / 1000);
    const zipped = mb(zipBytes) / (zipMs / 1000);
    rows.push({ name: `zip of ${ZIP_IMAGES} originals (${mb(zipBytes).toFixed(0)} MB): throughput`, baseline: `${direct.toFixed(0)} MB/s one by one`, studio: `${zipped.toFixed(0)} MB/s`, ratio: (zipped / direct).toFixed(2), target: '≥ 0.8', ok: zipped / direct >= 0.8 });
    const growth = mb(peak - before);
    rows.push({ name: `zip of ${ZIP_IMAGES} originals: memory growth`, baseline: `${mb(before).toFixed(0)} MB idle`, studio: `${mb(peak).toFixed(0)} MB peak`, ratio: `+${growth.toFixed(0)} MB`, target: '≤ 64 MB', ok: growth <= 64 });
    return rows;
  } finally {
    await stop(studio.process);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
