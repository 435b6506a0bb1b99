import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startStudio } from '../support/studio-server';

/**
 * The seed documents' curl examples, run unchanged except for the host. They are read
 * from ../shared/seeds when it is there (and must match the committed copy).
 */
const run = promisify(execFile);
const FIXTURE = path.resolve(__dirname, '../fixtures/seed-curl-examples.sh');
const SEED = path.resolve(__dirname, '../../../shared/seeds/001_8b888ea7623ca0f6.txt');

function examples(): string[] {
  const text = readFileSync(FIXTURE, 'utf8');
  return text.split(/\n(?=curl )/).filter((b) => b.startsWith('curl ')).map((b) => b.trim());
}

let studio: Awaited<ReturnType<typeof startStudio>>;
beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  process.env.SIMULATOR_LATENCY_MS = '0';
  studio = await startStudio();
});
afterAll(() => studio.close());

test.runIf(existsSync(SEED))('the committed copy matches the seed document', () => {
  const seed = readFileSync(SEED, 'utf8');
  for (const example of examples()) expect(seed).toContain(example);
});

test('the generation example runs unchanged against the studio', async () => {
  const example = examples().find((e) => e.includes('/images/generations'))!;
  const command = example.replace('https://api.openai.com/v1', `${studio.url}/api/v1`);
  expect(command.replace(studio.url + '/api', 'https://api.openai.com')).toBe(example);
  const { stdout } = await run('bash', ['-c', `${command} --silent --show-error --fail-with-body`], { env: { ...process.env, OPENAI_API_KEY: 'sk-anything' } });
  const body = JSON.parse(stdout) as { created: number; data: Array<{ url: string; revised_prompt: string }> };
  expect(body.created).toBeGreaterThan(0);
  expect(Object.keys(body).sort()).toEqual(['created', 'data']);
  expect(body.data).toHaveLength(1);
  expect(body.data[0]!.revised_prompt).toMatch(/white siamese cat/i);
  const image = await fetch(body.data[0]!.url);
  expect(image.headers.get('content-type')).toBe('image/png');
});

test('the edit and variation examples run unchanged against the studio', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const sharp = (await import('sharp')).default;
  // The files the examples name, in the folder they run in.
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-curl-'));
  const square = await sharp({ create: { width: 1024, height: 1024, channels: 4, background: '#2a6fdb' } }).png().toBuffer();
  const mask = Buffer.alloc(1024 * 1024 * 4, 255);
  for (let i = 3; i < 512 * 1024 * 4; i += 4) mask[i] = 0;
  writeFileSync(path.join(dir, 'otter.png'), square);
  writeFileSync(path.join(dir, 'image.png'), square);
  writeFileSync(path.join(dir, 'mask.png'), await sharp(mask, { raw: { width: 1024, height: 1024, channels: 4 } }).png().toBuffer());
  for (const endpoint of ['edits', 'variations']) {
    const example = examples().find((e) => e.includes(`/images/${endpoint}`))!;
    const command = example.replace('https://api.openai.com/v1', `${studio.url}/api/v1`);
    const { stdout } = await run('bash', ['-c', `${command} --silent --show-error --fail-with-body`], { cwd: dir, env: { ...process.env, OPENAI_API_KEY: 'sk-anything' } });
    const body = JSON.parse(stdout) as { data: Array<{ url?: string; b64_json?: string; gallery_id: string }> };
    expect(body.data, endpoint).toHaveLength(2);
    expect(body.data[0]!.gallery_id, endpoint).toMatch(/^img_/);
  }
});
