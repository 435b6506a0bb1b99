import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Starts `studio-process.ts` with `env` added and resolves with its URL once it listens. */
export function spawnStudio(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void>; kill: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(__dirname, 'studio-process.ts')], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  // SIGKILL: the instance dies at once, with no chance to finish or tidy anything.
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio process did not start: ${stderr}`)), 60_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, stop, kill });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio process exited with ${code}: ${stderr}`));
    });
  });
}
