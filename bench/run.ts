/**
 * `npm run bench`: every benchmark, each figure printed beside a baseline measured in
 * the same run, with its ratio and target. Results also go to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchGallery } from './gallery';
import { benchMask } from './mask';
import { benchRelay, RELAY_SETUP } from './relay';
import { printTable, type Row } from './table';

const root = path.resolve(__dirname, '..');

async function main() {
  const { buildIfStale } = (await import(path.join(root, 'scripts/build-if-stale.mjs'))) as { buildIfStale: () => boolean };
  buildIfStale();
  const results: Record<string, Row[]> = {};
  results.relay = await benchRelay();
  printTable(`Relay: ${RELAY_SETUP}`, results.relay);
  results.gallery = await benchGallery();
  printTable('Gallery: embedded database, files on disk', results.gallery);
  results.mask = await benchMask();
  printTable('Mask editor in Chromium', results.mask);
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
