import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

/**
 * The README's two commands are the ones the test suite and CI actually run: the
 * end-to-end tests start the studio with `npm run studio`, and .ci/run runs `npm test`.
 */
const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

test('the README opens with the start and test commands', () => {
  const readme = read('README.md');
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Using the studio'));
  expect(quickStart).toContain('    npm install && npm run studio\n');
  expect(quickStart).toContain('    npm install && npm test\n');
  expect(readme.indexOf('npm install && npm run studio')).toBeLessThan(readme.indexOf('npm install && npm test'));
});

test('those commands are what Playwright and CI run', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.studio).toBe('node scripts/studio.mjs');
  expect(scripts.test).toBe('node scripts/test-all.mjs');
  expect(read('playwright.config.ts')).toContain("command: 'npm run studio'");
  expect(read('.ci/run')).toMatch(/\nnpm install --no-audit --no-fund\nnpm test\n/);
  expect(read('scripts/test-all.mjs')).toContain("bin('playwright'), ['test'");
});
