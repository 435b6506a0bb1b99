import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { gallery } from '@/lib/gallery/instance';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Bad input, table by table: each request gets the right 4xx in the API's error
 * envelope, and nothing is saved. Ids and file names are never paths, share tokens and
 * image ids cannot be guessed or told apart from missing ones, and cookie-carried
 * changes need the studio's own origin.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let imageId: string;
let png: Buffer;
let wide: Buffer;

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
  wide = await sharp({ create: { width: 64, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
  png = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 1 } } }).png().toBuffer();
  const made = (await (await post('/api/v1/images/generations', json({ model: 'gpt-image-1.5', prompt: 'a target', quality: 'low' }))).json()) as { data: Array<{ gallery_id: string }> };
  imageId = made.data[0]!.gallery_id;
});
afterAll(() => studio.close());
afterEach(() => {
  delete process.env.STUDIO_TEAM_PASSWORD;
});

type Init = RequestInit & { headers?: Record<string, string> };
const json = (body: unknown): Init => ({ body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const post = (pathname: string, init: Init) => fetch(`${studio.url}${pathname}`, { method: 'POST', ...init });
const form = (parts: Array<[string, string | Blob, string?]>) => {
  const data = new FormData();
  for (const [name, value, filename] of parts) (typeof value === 'string' ? data.append(name, value) : data.append(name, value, filename));
  return data;
};
const file = (bytes: Buffer | string, type: string) => new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type });

async function rows(): Promise<number> {
  return (await (await gallery()).db.query<{ n: number }>('select count(*)::int as n from images')).rows[0]!.n;
}

async function expectRefused(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
  expect(body.error).toEqual({ message: expect.any(String), type: expect.any(String), param: body.error.param, code: body.error.code });
  expect(body.error.message.length).toBeGreaterThan(10);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

describe('generations', () => {
  const cases: Array<[string, Init, number, string?]> = [
    ['malformed JSON', json('{"prompt": "x"'), 400, 'invalid_json'],
    ['an empty body', json(''), 400, 'invalid_json'],
    ['a JSON array', json([1, 2]), 400],
    ['JSON null', json('null'), 400],
    ['a prompt that is a number', json({ model: 'gpt-image-1.5', prompt: 5 }), 400],
    ['n as a string', json({ model: 'gpt-image-1.5', prompt: 'x', n: 'two' }), 400],
    ['n as a fraction', json({ model: 'gpt-image-1.5', prompt: 'x', n: 1.5 }), 400],
    ['a negative n', json({ model: 'gpt-image-1.5', prompt: 'x', n: -1 }), 400],
    ['an unknown parameter', json({ model: 'gpt-image-1.5', prompt: 'x', colour: 'red' }), 400],
    ['an unknown model', json({ model: '../../etc/passwd', prompt: 'x' }), 404, 'model_not_found'],
    ['a prompt past the model limit', json({ model: 'dall-e-2', prompt: 'x'.repeat(1001) }), 400],
    ['a body past 1 MB', json({ model: 'gpt-image-1.5', prompt: 'x'.repeat(2 * 1024 * 1024) }), 413, 'request_too_large'],
    ['a size with letters', json({ model: 'gpt-image-2', prompt: 'x', size: '1024xABC' }), 400],
    ['plain text', { body: 'prompt=x', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_content_type'],
    ['a form instead of JSON', { body: form([['prompt', 'x']]) }, 415, 'unsupported_content_type'],
  ];
  test.each(cases)('%s', async (_name, init, status, code) => {
    const before = await rows();
    await expectRefused(await post('/api/v1/images/generations', init), status, code);
    expect(await rows()).toBe(before);
  });
});

describe('edits and variations', () => {
  const cases: Array<[string, string, () => Init, number, string?]> = [
    ['JSON instead of a form', 'edits', () => json({ prompt: 'x' }), 415, 'unsupported_content_type'],
    ['a multipart type without a boundary', 'edits', () => ({ body: 'garbage', headers: { 'content-type': 'multipart/form-data' } }), 400, 'invalid_multipart'],
    ['a malformed multipart body', 'edits', () => ({ body: '--b\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nx\r\n--b\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=b' } }), 400],
    ['no image', 'edits', () => ({ body: form([['prompt', 'x'], ['model', 'gpt-image-1.5']]) }), 400],
    ['text posing as a PNG', 'edits', () => ({ body: form([['prompt', 'x'], ['model', 'gpt-image-1.5'], ['image', file('not an image', 'image/png'), 'a.png']]) }), 400],
    ['a PDF', 'edits', () => ({ body: form([['prompt', 'x'], ['model', 'gpt-image-1.5'], ['image', file('%PDF-1.4', 'application/pdf'), 'a.pdf']]) }), 400, 'unsupported_file_mimetype'],
    ['a truncated PNG', 'edits', () => ({ body: form([['prompt', 'x'], ['model', 'gpt-image-1.5'], ['image', file(png.subarray(0, png.length - 40), 'image/png'), 'a.png']]) }), 400],
    ['n of zero', 'edits', () => ({ body: form([['prompt', 'x'], ['model', 'gpt-image-1.5'], ['n', '0'], ['image', file(png, 'image/png'), 'a.png']]) }), 400],
    ['a non-square variation input', 'variations', () => ({ body: form([['model', 'dall-e-2'], ['image', file(wide, 'image/png'), 'wide.png']]) }), 400],
    ['a file past the limit', 'edits', () => ({ body: form([['prompt', 'x'], ['model', 'gpt-image-1.5'], ['image', file(Buffer.alloc(60 * 1024 * 1024), 'image/png'), 'big.png']]) }), 413, 'file_too_large'],
  ];
  test.each(cases)('%s', async (_name, endpoint, init, status, code) => {
    const before = await rows();
    await expectRefused(await post(`/api/v1/images/${endpoint}`, init()), status, code);
    expect(await rows()).toBe(before);
  });

  test('a file name is never a path: a traversal name is kept under the image id only', async () => {
    const escaped = path.resolve(process.env.STUDIO_DATA_DIR!, '..', 'escaped.png');
    const res = await post('/api/v1/images/edits', { body: form([['prompt', 'a red square, bluer'], ['model', 'gpt-image-1.5'], ['image', file(png, 'image/png'), '../../escaped.png']]) });
    expect(res.status).toBe(200);
    expect(existsSync(escaped)).toBe(false);
    const g = await gallery();
    for await (const blob of g.blobs.list('')) expect(blob.key).toMatch(/^images\/img_[0-9a-f]{32}\/(original\.(png|jpg|webp)|thumb\.webp)$/);
  });
});

describe('ids, tokens and paths', () => {
  // (Bare dot segments never arrive: every HTTP client resolves them before sending.)
  const traversals = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc', 'img_..%2F..%2Fdata', '..%5C..%5Cwindows', `img_${'0'.repeat(31)}g`, 'IMG_' + '0'.repeat(32), encodeURIComponent('img_x\0')];
  test.each(traversals)('gallery id %s is simply not found, on every route', async (id) => {
    for (const [method, suffix] of [['GET', ''], ['DELETE', ''], ['GET', '/image'], ['GET', '/thumbnail'], ['GET', '/shares'], ['POST', '/shares']] as const) {
      const res = await fetch(`${studio.url}/api/v1/gallery/${id}${suffix}`, { method, ...(method === 'POST' ? json({}) : {}) });
      expect([400, 404], `${method} ${id}${suffix}`).toContain(res.status);
      if (res.status === 404) expect(await res.json()).toMatchObject({ error: { code: expect.stringMatching(/not_found|unknown_url/) } });
    }
  });

  test('guessed image ids and share tokens all answer the same 404, with nothing to tell them apart', async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${studio.url}/api/v1/gallery/img_${randomBytes(16).toString('hex')}`);
      expect(res.status).toBe(404);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    const shareBodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const token = randomBytes(32).toString('base64url');
      const [page, bytes] = await Promise.all([fetch(`${studio.url}/s/${token}/image`), fetch(`${studio.url}/s/${token.slice(0, 10)}/image`)]);
      expect(page.status).toBe(404);
      expect(bytes.status).toBe(404);
      shareBodies.add(await page.text());
      shareBodies.add(await bytes.text());
    }
    expect(shareBodies.size).toBe(1);
  });

  test('a made-up share token on a real image cannot be revoked', async () => {
    await expectRefused(await fetch(`${studio.url}/api/v1/gallery/${imageId}/shares/${randomBytes(32).toString('base64url')}`, { method: 'DELETE' }), 404, 'not_found');
    await expectRefused(await fetch(`${studio.url}/api/v1/gallery/${imageId}/shares/..%2F..`, { method: 'DELETE' }), 404, 'not_found');
  });

  test('share options of the wrong type or unknown are refused', async () => {
    await expectRefused(await post(`/api/v1/gallery/${imageId}/shares`, json({ expires_in_hours: 'soon' })), 400);
    await expectRefused(await post(`/api/v1/gallery/${imageId}/shares`, json({ expires_in_hours: -1 })), 400);
    await expectRefused(await post(`/api/v1/gallery/${imageId}/shares`, json({ hide_prompt: true, owner: 'me' })), 400);
  });

  test('gallery queries of the wrong shape are refused', async () => {
    for (const query of ['limit=0', 'limit=1000', 'limit=abc', 'cursor=not-a-cursor', 'endpoint=../../x', `q=${'x'.repeat(500)}`]) {
      await expectRefused(await fetch(`${studio.url}/api/v1/gallery?${query}`), 400);
    }
  });

  test('methods a route does not serve get 405 with Allow', async () => {
    const res = await fetch(`${studio.url}/api/v1/images/generations`);
    await expectRefused(res, 405, 'method_not_allowed');
  });
});

describe('cookie-carried changes need the studio’s own origin (CSRF)', () => {
  async function session(): Promise<string> {
    const res = await post('/api/auth/sign-in', { ...json({ name: 'Csrf Tester', password: 'pw' }), headers: { 'content-type': 'application/json', origin: studio.url } });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const mutations: Array<[string, string, string, () => Init]> = [
    ['generate', 'POST', '/api/v1/images/generations', () => json({ model: 'gpt-image-1.5', prompt: 'x' })],
    ['edit', 'POST', '/api/v1/images/edits', () => ({ body: form([['prompt', 'x'], ['image', file(png, 'image/png'), 'a.png']]) })],
    ['delete an image', 'DELETE', '/api/v1/gallery/IMAGE', () => ({})],
    ['create a share link', 'POST', '/api/v1/gallery/IMAGE/shares', () => json({})],
    ['create a token', 'POST', '/api/v1/tokens', () => json({ name: 'x' })],
    ['revoke a token', 'DELETE', `/api/v1/tokens/tok_${'a'.repeat(16)}`, () => ({})],
  ];
  test.each(mutations)('%s: refused without Origin, and with a forged one', async (_name, method, pathname, init) => {
    process.env.STUDIO_TEAM_PASSWORD = 'pw';
    const cookie = await session();
    const before = await rows();
    const url = `${studio.url}${pathname.replace('IMAGE', imageId)}`;
    for (const origin of [undefined, 'https://evil.example', 'null', `${studio.url}.evil.example`]) {
      const base = init();
      const res = await fetch(url, { method, ...base, headers: { ...(base.headers ?? {}), cookie, ...(origin ? { origin } : {}) } });
      await expectRefused(res, 403, 'cross_origin_request');
    }
    expect(await rows()).toBe(before);
  });
});
