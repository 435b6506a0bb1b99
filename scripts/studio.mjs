// `npm run studio`: the studio on its embedded defaults. Without OPENAI_API_KEY it
// uses the built-in simulator. Builds first when needed, then serves on PORT (3000).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
buildIfStale();
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
if (!process.env.OPENAI_API_KEY) console.log('No OPENAI_API_KEY set: images come from the built-in simulator.');
// The server behind the front door (scripts/serve.mjs), not bare `next start`, which believes any X-Forwarded-* a client sends.
const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, HOST: host, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
