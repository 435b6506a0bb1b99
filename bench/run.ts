/**
 * `npm run bench`: every benchmark, each figure printed beside a baseline measured in
 * the same run, with its ratio and target. Results also go to bench/results/latest.json.
 * `npm run bench -- load` (or relay, runs, boards, gallery, mask, svg, sign-in) runs just the ones named.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchGallery } from './gallery';
import { benchLoad } from './load';
import { benchSignIn } from './sign-in';
import { benchMask } from './mask';
import { benchRelay, RELAY_SETUP } from './relay';
import { benchRuns } from './runs';
import { benchBoards } from './boards';
import { benchSvg } from './svg';
import { printTable, type Row } from './table';

const root = path.resolve(__dirname, '..');

async function main() {
  const { buildIfStale } = (await import(path.join(root, 'scripts/build-if-stale.mjs'))) as { buildIfStale: () => boolean };
  buildIfStale();
  const benches: Array<[string, string, () => Promise<Row[]>]> = [
    ['relay', `Relay: ${RELAY_SETUP}`, benchRelay],
    ['runs', 'Runs: against the direct Images API route, in Chromium, and 200 at once across two instances', benchRuns],
    ['boards', 'Boards: a 500-image board page, a zip of 100 originals', benchBoards],
    ['gallery', 'Gallery: embedded database, files on disk', benchGallery],
    ['mask', 'Mask editor in Chromium', benchMask],
    ['svg', 'SVG from upstream: sanitising before it is stored', benchSvg],
    ['sign-in', 'Sign-in: does the time taken tell whether a name is known?', benchSignIn],
    ['load', 'Load: two instances, one PostgreSQL server, one S3-compatible store', benchLoad],
  ];
  const asked = process.argv.slice(2);
  const results: Record<string, Row[]> = {};
  for (const [name, title, run] of benches) {
    if (asked.length && !asked.includes(name)) continue;
    results[name] = await run();
    printTable(title, results[name]);
  }
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
