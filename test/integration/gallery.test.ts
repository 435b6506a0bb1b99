import OpenAI from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/** Every image the studio makes is kept before the client hears it is done. */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());

type Item = { id: string; prompt: string; model: string; endpoint: string; revised_prompt: string | null; image_url: string; thumbnail_url: string; options: Record<string, unknown>; usage: unknown; cost_usd: number | null; width: number; height: number; format: string };
const get = async (path: string) => fetch(`${studio.url}${path}`);
const list = async (query = '') => (await (await get(`/api/v1/gallery${query}`)).json()) as { data: Item[]; next_cursor: string | null };
type Saved = { gallery_id: string; gallery_url: string };

describe('saving', () => {
  test('a JSON generation is saved with its prompt, options, usage and cost, bytes unchanged', async () => {
    const result = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'saved lighthouse', size: '1536x1024', quality: 'low', output_format: 'webp', n: 2 });
    const data = result.data as unknown as Array<{ b64_json: string } & Saved>;
    expect(data.map((d) => d.gallery_id)).toEqual([expect.stringMatching(/^img_/), expect.stringMatching(/^img_/)]);
    expect(data[0]!.gallery_url).toBe(`${studio.url}/gallery/${data[0]!.gallery_id}`);
    const item = (await (await get(`/api/v1/gallery/${data[0]!.gallery_id}`)).json()) as Item;
    expect(item).toMatchObject({ prompt: 'saved lighthouse', model: 'gpt-image-1.5', endpoint: 'generations', width: 1536, height: 1024, format: 'webp', options: { size: '1536x1024', quality: 'low', output_format: 'webp', n: 2 } });
    expect(item.usage).toMatchObject({ output_tokens: 800 });
    expect(item.cost_usd).toBeGreaterThan(0);
    const original = Buffer.from(await (await get(`/api/v1/gallery/${item.id}/image`)).arrayBuffer());
    expect(original.equals(Buffer.from(data[0]!.b64_json, 'base64'))).toBe(true);
    const thumb = await get(`/api/v1/gallery/${item.id}/thumbnail`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('cache-control')).toMatch(/immutable/);
    const m = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([m.width, m.height]).toEqual([512, 341]);
  });

  test('a streamed generation is saved once completed; partial images are not', async () => {
    const before = (await list()).data.length;
    const stream = await client.images.generate({ model: 'gpt-image-1', prompt: 'streamed harbour', stream: true, partial_images: 2 });
    const events: Array<{ type: string } & Partial<Saved>> = [];
    for await (const e of stream) events.push(e as never);
    expect(events.filter((e) => e.gallery_id)).toHaveLength(1);
    const done = events.at(-1)!;
    expect(done.type).toBe('image_generation.completed');
    expect(done.gallery_id).toMatch(/^img_/);
    const after = await list();
    expect(after.data.length).toBe(before + 1);
    expect(after.data[0]!.id).toBe(done.gallery_id);
  });

  test('a url result is downloaded at once and the answer points at the kept copy', async () => {
    const result = await client.images.generate({ model: 'dall-e-3', prompt: 'A white siamese cat' });
    const image = result.data![0]! as { url: string; revised_prompt: string } & Saved;
    expect(image.url).toBe(`${studio.url}/api/v1/gallery/${image.gallery_id}/image`);
    const bytes = await get(new URL(image.url).pathname);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    const item = (await (await get(`/api/v1/gallery/${image.gallery_id}`)).json()) as Item;
    expect(item.revised_prompt).toBe(image.revised_prompt);
    const download = await get(`/api/v1/gallery/${image.gallery_id}/image?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="image-studio-[0-9a-f]{12}\.png"$/);
  });

  test('failed requests leave nothing in the gallery', async () => {
    const before = (await list()).data.map((d) => d.id);
    await expect(client.images.generate({ model: 'gpt-image-1', prompt: 'sim:500' })).rejects.toThrow();
    await expect(client.images.generate({ model: 'gpt-image-1', prompt: 'sim:refuse' })).rejects.toThrow();
    const cut = await client.images.generate({ model: 'gpt-image-1', prompt: 'sim:cut=2', stream: true, partial_images: 2 });
    await expect((async () => { for await (const e of cut) void e; })()).rejects.toThrow();
    expect((await list()).data.map((d) => d.id)).toEqual(before);
  });
});

describe('browsing', () => {
  test('pages newest first with a cursor, and filters by text, model and endpoint', async () => {
    for (const prompt of ['pager one', 'pager two', 'pager three']) await client.images.generate({ model: 'gpt-image-1-mini', prompt, size: '1024x1024', quality: 'low' });
    const first = await list('?model=gpt-image-1-mini&limit=2');
    expect(first.data.map((d) => d.prompt)).toEqual(['pager three', 'pager two']);
    const second = await list(`?model=gpt-image-1-mini&limit=2&cursor=${first.next_cursor}`);
    expect(second.data.map((d) => d.prompt)).toEqual(['pager one']);
    expect(second.next_cursor).toBeNull();
    expect((await list('?q=PAGER%20T')).data.map((d) => d.prompt)).toEqual(['pager three', 'pager two']);
    expect((await list('?endpoint=edits')).data).toEqual([]);
  });

  test('bad ids, cursors and limits get 404/400 in the envelope', async () => {
    for (const path of ['/api/v1/gallery/img_00000000000000000000000000000000', '/api/v1/gallery/..%2F..%2Fetc%2Fpasswd', '/api/v1/gallery/nope/image', '/api/v1/gallery/img_00000000000000000000000000000000/thumbnail']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found', type: 'invalid_request_error' } });
    }
    for (const query of ['?cursor=garbage!', '?cursor=bm90LWEtY3Vyc29y', '?limit=1000', '?limit=0', '?endpoint=sideways']) {
      const res = await get(`/api/v1/gallery${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBeTruthy();
    }
  });

  test('delete removes the image and its bytes; a second delete is 404', async () => {
    const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'to be deleted', quality: 'low' });
    const id = (result.data![0] as unknown as Saved).gallery_id;
    const del = await fetch(`${studio.url}/api/v1/gallery/${id}`, { method: 'DELETE' });
    expect(await del.json()).toEqual({ id, object: 'gallery.image', deleted: true });
    for (const path of [`/api/v1/gallery/${id}`, `/api/v1/gallery/${id}/image`, `/api/v1/gallery/${id}/thumbnail`]) expect((await get(path)).status).toBe(404);
    expect((await fetch(`${studio.url}/api/v1/gallery/${id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
