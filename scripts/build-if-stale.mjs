// Builds the app when there is no production build, or when any source file is newer
// than it, so `npm run studio` and `npm run bench` never serve stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkMessages } from './check-messages.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SOURCES = ['app', 'components', 'lib', 'i18n', 'messages', 'public', 'instrumentation.ts', 'proxy.ts', 'package.json', 'package-lock.json', 'next.config.ts', 'tailwind.config.ts', 'postcss.config.mjs', 'tsconfig.json'];

function newest(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const child of readdirSync(full)) latest = Math.max(latest, newest(path.join(entry, child)));
  return latest;
}

export function buildIfStale({ force = false } = {}) {
  const marker = path.join(root, '.next', 'BUILD_ID');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map(newest));
  if (!force && built > changed) return false;
  console.log(built ? 'Sources changed since the last build: building…' : 'No production build yet: building…');
  // A language missing a key fails the build, as `npm run build` does.
  const problems = checkMessages();
  if (problems.length) {
    console.error(`Message catalogues are incomplete:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return true;
}

if (process.argv[1] === new URL(import.meta.url).pathname) buildIfStale({ force: process.argv.includes('--force') });
