// `npm test`: every check the project has, in the order that fails fastest:
// lint → typecheck → unit and integration tests (vitest) → production build → Playwright.
// Ends with one line "N passed, N failed" counting every test of both runners.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = path.join(root, 'test-reports');
const vitestReport = path.join(reports, 'vitest.json');
const playwrightReport = path.join(reports, 'playwright.json');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
// A recognisable fake key, new each run: the build is made with it in the environment
// and the end-to-end studio holds it (e2e/servers.ts reads E2E_CANARY_KEY), so a key
// that reached a bundle or a response would show.
const CANARY_KEY = process.env.E2E_CANARY_KEY ?? `sk-e2e-canary-${randomBytes(16).toString('hex')}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, E2E_CANARY_KEY: CANARY_KEY };

const steps = [
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]],
  ['production build', process.execPath, [path.join(root, 'scripts/build-if-stale.mjs'), '--force'], { OPENAI_API_KEY: CANARY_KEY }],
  ['end-to-end tests (Chromium)', bin('playwright'), ['test', '--reporter=list,json']],
];

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(vitestReport)) {
    const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  if (existsSync(playwrightReport)) {
    const p = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats ?? {};
    passed += (p.expected ?? 0) + (p.flaky ?? 0);
    failed += p.unexpected ?? 0;
    skipped += p.skipped ?? 0;
  }
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

for (const [name, command, args, extraEnv = {}] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    console.log(counts());
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log('\nAll checks passed.');
console.log(counts());
