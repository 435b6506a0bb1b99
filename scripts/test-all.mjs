// `npm test`: every check the project has, in the order that fails fastest.
// lint → typecheck → unit and integration tests (vitest) → production build → Playwright.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const steps = [
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['unit and integration tests', bin('vitest'), ['run']],
  ['production build', process.execPath, [path.join(root, 'scripts/build-if-stale.mjs'), '--force']],
  ['end-to-end tests (Chromium)', bin('playwright'), ['test']],
];

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log('\nAll checks passed.');
