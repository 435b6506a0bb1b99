import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { PORT } from './servers';

/**
 * A studio of its own (scripts/studio.mjs, as `npm run studio` runs it; embedded storage), stopped with SIGTERM while
 * saves and a run are in flight: it finishes them before it exits, and after a restart on
 * the same data everything it reported saved is there, byte for byte, and the run is
 * completed and kept.
 */
const port = PORT + 3;
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-shutdown-'));

async function startStudio(): Promise<ChildProcess> {
  // Another server on the port would answer for ours: refuse to start rather than test it.
  expect(await fetch(`${base}/api/health`).then(() => 'busy', () => 'free'), `port ${port}`).toBe('free');
  // `npm run studio` is `node scripts/studio.mjs`; started directly, the signal and the exit code are the studio's own.
  const child = spawn(process.execPath, ['scripts/studio.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STUDIO_DATA_DIR: dataDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATABASE_URL: '', S3_BUCKET: '', SIMULATOR_LATENCY_MS: '300' },
    stdio: 'ignore',
    detached: false,
  });
  await expect
    .poll(async () => {
      if (child.exitCode !== null) throw new Error(`the studio exited with ${child.exitCode} before it was ready`);
      return (await fetch(`${base}/api/health`).catch(() => null))?.status;
    }, { timeout: 60_000, intervals: [250] })
    .toBe(200);
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

type Saved = { id: string; b64: string };

async function streamed(prompt: string, onFirstPartial: () => void): Promise<Saved> {
  const res = await fetch(`${base}/api/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-image-1.5', prompt: `${prompt} sim:latency=700`, quality: 'low', stream: true, partial_images: 3 }),
  });
  const text = await (async () => {
    let all = '';
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      all += decoder.decode(chunk.value, { stream: true });
      if (all.includes('partial_image')) onFirstPartial();
    }
    return all;
  })();
  const completed = text.split('\n\n').find((frame) => frame.startsWith('event: image_generation.completed'));
  expect(completed, text.slice(-500)).toBeTruthy();
  const data = JSON.parse(completed!.split('\ndata: ')[1]!) as { gallery_id: string; b64_json: string };
  return { id: data.gallery_id, b64: data.b64_json };
}

async function json(prompt: string): Promise<Saved> {
  const res = await fetch(`${base}/api/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-image-1.5', prompt: `${prompt} sim:latency=1500`, quality: 'low' }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: Array<{ gallery_id: string; b64_json: string }> };
  return { id: body.data[0]!.gallery_id, b64: body.data[0]!.b64_json };
}

test('SIGTERM finishes the saves in flight, and a restart loses nothing reported saved', async () => {
  test.setTimeout(180_000);
  let studio = await startStudio();
  let stopping: Promise<number | null> | undefined;
  const stop = () => {
    if (!stopping) {
      studio.kill('SIGTERM');
      stopping = exited(studio);
    }
  };
  // A run executing, which no connection holds open…
  const created = await fetch(`${base}/api/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-image-1.5', prompt: 'a run at closing time sim:latency=900', quality: 'low', stream: true, partial_images: 2 }),
  });
  expect(created.status).toBe(202);
  const run = (await created.json()) as { id: string; status: string };
  expect(run.status).toBe('running');
  // …and three answers in flight when the signal arrives: a stream mid-way and two JSON requests.
  const inFlight = [streamed('a lighthouse at the last minute', stop), json('a harbour at closing time'), json('a boat before the storm')];
  const saved = await Promise.all(inFlight);
  const code = await stopping!;
  expect([0, 143]).toContain(code);
  // Stopped: nobody is answered any more.
  expect(await fetch(`${base}/api/health`).then(() => 'up', () => 'down')).toBe('down');

  studio = await startStudio();
  try {
    for (const image of saved) {
      const original = await fetch(`${base}/api/v1/gallery/${image.id}/image`);
      expect(original.status).toBe(200);
      expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(image.b64, 'base64'))).toBe(true);
      expect((await fetch(`${base}/api/v1/gallery/${image.id}/thumbnail`)).status).toBe(200);
    }
    // The run finished before the instance exited, and was kept.
    const ended = (await (await fetch(`${base}/api/v1/runs/${run.id}`)).json()) as { status: string; gallery_ids: string[] };
    expect(ended.status).toBe('completed');
    expect(ended.gallery_ids).toHaveLength(1);
    expect((await fetch(`${base}/api/v1/gallery/${ended.gallery_ids[0]}/image`)).status).toBe(200);
  } finally {
    studio.kill('SIGTERM');
    await exited(studio);
  }
});
