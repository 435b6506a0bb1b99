/**
 * The gallery with 10,000 stored images on the embedded database: time for the first
 * page through the studio (against /api/health on the same server as the baseline),
 * and the bytes a 50-image page makes a browser load (thumbnails) against the originals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../lib/db/open';
import { createGallery } from '../lib/gallery/gallery';
import { encode, renderScene } from '../lib/simulator/render';
import { fileBlobStore } from '../lib/storage/file-store';
import { percentile, startStudioOnSimulator, stop } from './lib';
import { fmt, type Row } from './table';

const STORED = Number(process.env.BENCH_GALLERY_IMAGES ?? 10_000);
const PAGE = 50;
const REQUESTS = 200;

async function seed(dataDir: string) {
  const db = await openDatabase({ dataDir });
  const gallery = createGallery(db, fileBlobStore(path.join(dataDir, 'blobs')));
  // All but the newest page: rows only (the page query does not read bytes), older.
  await db.query(
    `insert into images (id, created_at, creator, endpoint, model, prompt, options, width, height, format, byte_size, blob_key, thumb_key)
     select 'img_' || md5(g::text), now() - interval '1 day' - g * interval '1 second', 'local', 'generations', 'gpt-image-1',
            'seeded prompt ' || g, '{}', 1024, 1024, 'png', 100000, 'images/x/original.png', 'images/x/thumb.webp'
     from generate_series(1, $1::int) as g`,
    [STORED - PAGE],
  );
  // The newest page: real images, so the byte comparison is real.
  for (let i = 0; i < PAGE; i++) {
    const raw = await renderScene({ seed: (i * 2654435761).toString(16).padStart(8, '0'), width: 1024, height: 1024, transparent: false, detail: 0.85, vivid: true });
    await gallery.save({ bytes: await encode(raw, 'png', 100, false), creator: 'local', endpoint: 'generations', model: 'gpt-image-1.5', prompt: `bench image ${i}`, options: {} });
  }
  await db.close();
}

export async function benchGallery(): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-gallery-'));
  await seed(dataDir);
  const { base, process: studio } = await startStudioOnSimulator(dataDir);
  try {
    const time = async (url: string) => {
      const started = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      return performance.now() - started;
    };
    const firstPage = `${base}/api/v1/gallery?limit=${PAGE}`;
    for (let i = 0; i < 20; i++) await Promise.all([time(firstPage), time(`${base}/api/health`)]);
    const pageTimes: number[] = [];
    const healthTimes: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      healthTimes.push(await time(`${base}/api/health`));
      pageTimes.push(await time(firstPage));
    }
    const page = (await (await fetch(firstPage)).json()) as { data: Array<{ thumbnail_url: string; image_url: string }> };
    const size = async (url: string) => (await (await fetch(url)).arrayBuffer()).byteLength;
    let thumbs = 0;
    let originals = 0;
    for (const item of page.data) {
      thumbs += await size(item.thumbnail_url);
      originals += await size(item.image_url);
    }
    const p95 = percentile(pageTimes, 95);
    const healthP95 = percentile(healthTimes, 95);
    return [
      { name: `first gallery page of ${PAGE}, ${STORED.toLocaleString('en-US')} stored, p50`, baseline: `${fmt(percentile(healthTimes, 50))} health`, studio: fmt(percentile(pageTimes, 50)), ratio: (percentile(pageTimes, 50) / percentile(healthTimes, 50)).toFixed(2), target: '(reported)', ok: null },
      { name: `first gallery page of ${PAGE}, ${STORED.toLocaleString('en-US')} stored, p95`, baseline: `${fmt(healthP95)} health`, studio: fmt(p95), ratio: (p95 / healthP95).toFixed(2), target: '< 30 ms', ok: p95 < 30 },
      { name: `bytes for a ${PAGE}-image page: thumbnails`, baseline: `${(originals / 1024).toFixed(0)} KB originals`, studio: `${(thumbs / 1024).toFixed(0)} KB`, ratio: `${((thumbs / originals) * 100).toFixed(1)} %`, target: '< 10 %', ok: thumbs / originals < 0.1 },
    ];
  } finally {
    await stop(studio);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
