/**
 * Sign-in timing: wrong passwords for a name that has signed in before against names
 * never seen, interleaved, through the production studio in password mode. The ratio
 * of the medians should be 1: the time taken must not tell whether a name is known.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, percentile, startStudio, stop } from './lib';
import { fmt, type Row } from './table';

const ATTEMPTS = 200;

export async function benchSignIn(): Promise<Row[]> {
  const { base, process: child } = await startStudio({
    STUDIO_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'studio-bench-signin-')),
    STUDIO_TEAM_PASSWORD: 'the real team password',
    // Every attempt counts as a failure; the bench must not be the one refused.
    STUDIO_SIGN_IN_ATTEMPTS: '100000',
    STUDIO_SIGN_IN_ATTEMPTS_TOTAL: '100000',
    // The bench plays the reverse proxy, so the addresses it sends are the ones counted.
    STUDIO_TRUSTED_PROXIES: 'loopback',
  });
  try {
    const attempt = async (name: string, password: string, i: number) => {
      const started = performance.now();
      const res = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${i % 250}.${i % 7}` },
        body: JSON.stringify({ name, password }),
      });
      await res.arrayBuffer();
      return { ms: performance.now() - started, status: res.status };
    };
    if ((await attempt('Known Person', 'the real team password', 0)).status !== 200) throw new Error('sign-in failed');
    for (let i = 0; i < 20; i++) await attempt('warm up', 'wrong', i);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const a = await attempt('Known Person', `wrong ${i}`, i);
      const b = await attempt(`Stranger ${i}`, `wrong ${i}`, i);
      if (a.status !== 401 || b.status !== 401) throw new Error(`expected 401, got ${a.status} and ${b.status}`);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const ratio = median(known) / median(unknown);
    return [
      { name: `wrong password, median (n=${ATTEMPTS} each)`, baseline: `${fmt(median(unknown))} unknown name`, studio: `${fmt(median(known))} known name`, ratio: ratio.toFixed(3), target: '0.9–1.1', ok: ratio > 0.9 && ratio < 1.1 },
      { name: 'wrong password, p95', baseline: `${fmt(percentile(unknown, 95))} unknown name`, studio: `${fmt(percentile(known, 95))} known name`, ratio: (percentile(known, 95) / percentile(unknown, 95)).toFixed(3), target: '—', ok: null },
    ];
  } finally {
    await stop(child);
  }
}
