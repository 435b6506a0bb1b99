import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startStudio } from '../support/studio-server';

/** A share link opens one image to anyone holding it, until it expires or is revoked. */
let studio: Awaited<ReturnType<typeof startStudio>>;
let imageId: string;
let imageBytes: Buffer;

beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  process.env.SIMULATOR_LATENCY_MS = '0';
  studio = await startStudio();
  const client = new OpenAI({ apiKey: 'x', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a shared lighthouse', quality: 'low' });
  imageId = (result.data![0] as unknown as { gallery_id: string }).gallery_id;
  imageBytes = Buffer.from(result.data![0]!.b64_json!, 'base64');
});
afterAll(() => studio.close());

type Share = { token: string; url: string; state: string; expires_at: string | null; hide_prompt: boolean };
const post = (body: unknown, id = imageId) =>
  fetch(`${studio.url}/api/v1/gallery/${id}/shares`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const bytesOf = (token: string) => fetch(`${studio.url}/s/${token}/image`);

test('a link carries at least 128 random bits and serves the original bytes, uncached', async () => {
  const res = await post({ hide_prompt: true });
  expect(res.status).toBe(201);
  const link = (await res.json()) as Share;
  expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
  expect(link.url).toBe(`${studio.url}/s/${link.token}`);
  expect(link).toMatchObject({ state: 'active', expires_at: null, hide_prompt: true });
  const image = await bytesOf(link.token);
  expect(image.status).toBe(200);
  expect(image.headers.get('cache-control')).toBe('no-store');
  expect(image.headers.get('referrer-policy')).toBe('no-referrer');
  expect(Buffer.from(await image.arrayBuffer()).equals(imageBytes)).toBe(true);
});

test('links are listed and a revoked link answers 404 at once', async () => {
  const link = (await (await post({})).json()) as Share;
  const list = (await (await fetch(`${studio.url}/api/v1/gallery/${imageId}/shares`)).json()) as { data: Share[] };
  expect(list.data.map((s) => s.token)).toContain(link.token);
  const revoke = await fetch(`${studio.url}/api/v1/gallery/${imageId}/shares/${link.token}`, { method: 'DELETE' });
  expect(await revoke.json()).toEqual({ token: link.token, object: 'gallery.share', revoked: true });
  const gone = await bytesOf(link.token);
  expect(gone.status).toBe(404);
  expect(await gone.json()).toMatchObject({ error: { code: 'not_found' } });
  const after = (await (await fetch(`${studio.url}/api/v1/gallery/${imageId}/shares`)).json()) as { data: Share[] };
  expect(after.data.find((s) => s.token === link.token)?.state).toBe('revoked');
  expect((await fetch(`${studio.url}/api/v1/gallery/${imageId}/shares/${link.token}`, { method: 'DELETE' })).status).toBe(404);
});

test('an expired link answers 404', async () => {
  const link = (await (await post({ expires_in_hours: 0.0001 })).json()) as Share; // 0.36 s
  expect(link.expires_at).not.toBeNull();
  await new Promise((r) => setTimeout(r, 600));
  expect((await bytesOf(link.token)).status).toBe(404);
});

test('guessed, malformed and traversal tokens all answer 404 alike', async () => {
  for (const token of [randomBytes(32).toString('base64url'), 'short', '..%2F..%2Fdata', 'A'.repeat(43) + '!']) {
    const res = await bytesOf(token);
    expect(res.status, token).toBe(404);
  }
});

test('bad share requests are refused in the envelope; unknown images are 404', async () => {
  expect((await post({ expires_in_hours: -1 })).status).toBe(400);
  expect((await post({ expires_in_hours: 'soon' })).status).toBe(400);
  const unknown = await post({ everyone: true });
  expect(unknown.status).toBe(400);
  expect(await unknown.json()).toMatchObject({ error: { param: 'everyone' } });
  expect((await post({}, `img_${'0'.repeat(32)}`)).status).toBe(404);
});

test('deleting the image removes its links too', async () => {
  const client = new OpenAI({ apiKey: 'x', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'short-lived', quality: 'low' });
  const id = (result.data![0] as unknown as { gallery_id: string }).gallery_id;
  const link = (await (await post({}, id)).json()) as Share;
  expect((await bytesOf(link.token)).status).toBe(200);
  await fetch(`${studio.url}/api/v1/gallery/${id}`, { method: 'DELETE' });
  expect((await bytesOf(link.token)).status).toBe(404);
});
