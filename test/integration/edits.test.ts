import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/** Edits and variations through the studio, with the official SDK. */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());

const photo = (w = 256, h = 256, colour = '#1e78c8') =>
  sharp({ create: { width: w, height: h, channels: 4, background: colour } }).png().toBuffer();
const holeMask = async (w: number, h: number) => {
  const data = Buffer.alloc(w * h * 4, 255);
  for (let y = 0; y < h / 2; y++) for (let x = 0; x < w / 2; x++) data[(y * w + x) * 4 + 3] = 0;
  return sharp(data, { raw: { width: w, height: h, channels: 4 } }).png().toBuffer();
};
type Saved = { gallery_id: string };
type Detail = { endpoint: string; parents: Array<{ id: string; endpoint: string }>; prompt: string | null };
const detail = async (id: string) => (await (await fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as Detail;
const count = async () => ((await (await fetch(`${studio.url}/api/v1/gallery?limit=100`)).json()) as { data: unknown[] }).data.length;

describe('images.edit', () => {
  test('an edit counts its input image in usage, and its estimate matches what it cost', async () => {
    const result = await client.images.edit({ model: 'gpt-image-1.5', quality: 'low', size: '1024x1024', image: await toFile(await photo(1024, 1024), 'big.png', { type: 'image/png' }), prompt: 'a red hat' });
    expect(result.usage?.input_tokens_details?.image_tokens).toBe(765);
    const id = (result.data![0] as unknown as Saved).gallery_id;
    const costs = (await (await fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as { cost_usd: number; estimated_cost_usd: number };
    expect(costs.cost_usd).toBeCloseTo(costs.estimated_cost_usd, 4);
  });

  test('an edit with size auto is priced at the size it is made at: the preset nearest its input (800×600 → 1536x1024)', async () => {
    const result = await client.images.edit({ model: 'gpt-image-1.5', quality: 'low', image: await toFile(await photo(800, 600), 'wide.png', { type: 'image/png' }), prompt: 'a red hat' });
    expect(result.size).toBe('1536x1024');
    const id = (result.data![0] as unknown as Saved).gallery_id;
    const costs = (await (await fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as { cost_usd: number; estimated_cost_usd: number };
    expect(costs.cost_usd).toBeCloseTo(costs.estimated_cost_usd, 4);
  });

  test('one image with a mask: only the transparent part changes, and the result links its input', async () => {
    // 1024×1024, a size GPT image models make, so the result has the input's size and kept pixels compare exactly.
    const source = await photo(1024, 1024);
    const result = await client.images.edit({
      model: 'gpt-image-1.5',
      image: await toFile(source, 'photo.png', { type: 'image/png' }),
      mask: await toFile(await holeMask(1024, 1024), 'mask.png', { type: 'image/png' }),
      prompt: 'a red hat',
    });
    const out = await sharp(Buffer.from(result.data![0]!.b64_json!, 'base64')).ensureAlpha().raw().toBuffer();
    const src = await sharp(source).ensureAlpha().raw().toBuffer();
    const at = (buf: Buffer, x: number, y: number) => [...buf.subarray((y * 1024 + x) * 4, (y * 1024 + x) * 4 + 4)];
    expect(at(out, 800, 800)).toEqual(at(src, 800, 800));
    expect(at(out, 20, 20)).not.toEqual(at(src, 20, 20));
    const saved = await detail((result.data![0] as unknown as Saved).gallery_id);
    expect(saved.endpoint).toBe('edits');
    expect(saved.parents.map((p) => p.endpoint)).toEqual(['uploads']);
  });

  test('an array of images (image[]) and an input that came from the gallery links back to it', async () => {
    const generated = await client.images.generate({ model: 'gpt-image-1', prompt: 'a base picture', quality: 'low', size: '1024x1024' });
    const fromGallery = Buffer.from(generated.data![0]!.b64_json!, 'base64');
    const result = await client.images.edit({
      model: 'gpt-image-1',
      image: [await toFile(fromGallery, 'a.png', { type: 'image/png' }), await toFile(await photo(1024, 1024, '#884400'), 'b.png', { type: 'image/png' })],
      prompt: 'combine',
      input_fidelity: 'high',
    });
    const saved = await detail((result.data![0] as unknown as Saved).gallery_id);
    expect(saved.parents.map((p) => p.id)).toContain((generated.data![0] as unknown as Saved).gallery_id);
    expect(saved.parents).toHaveLength(2);
  });

  test('streaming yields image_edit partial events, then the completed (kept) image', async () => {
    const stream = await client.images.edit({ model: 'gpt-image-1', image: await toFile(await photo(), 'p.png', { type: 'image/png' }), prompt: 'stream it', stream: true, partial_images: 2 });
    const events: Array<{ type: string } & Partial<Saved>> = [];
    for await (const e of stream) events.push(e as never);
    expect(events.map((e) => e.type)).toEqual(['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
    expect(events[2]!.gallery_id).toMatch(/^img_/);
  });

  test('bad inputs raise BadRequestError with the parameter named, and nothing is kept', async () => {
    const before = await count();
    const cases: Array<[string, () => Promise<OpenAI.Images.ImageEditParamsNonStreaming>, string]> = [
      ['mask of another size', async () => ({ model: 'gpt-image-1', prompt: 'x', image: await toFile(await photo(), 'a.png', { type: 'image/png' }), mask: await toFile(await holeMask(128, 128), 'm.png', { type: 'image/png' }) }), 'mask'],
      ['not an image', async () => ({ model: 'gpt-image-1', prompt: 'x', image: await toFile(Buffer.from('plain text'), 'a.png', { type: 'image/png' }) }), 'image'],
      ['dall-e-2 with a wide image', async () => ({ model: 'dall-e-2', prompt: 'x', image: await toFile(await photo(300, 200), 'a.png', { type: 'image/png' }) }), 'image'],
      ['style on an edit', async () => ({ model: 'gpt-image-1', prompt: 'x', style: 'vivid', image: await toFile(await photo(), 'a.png', { type: 'image/png' }) }) as never, 'style'],
    ];
    for (const [name, make, param] of cases) {
      const error = await client.images.edit(await make()).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).param, name).toBe(param);
    }
    expect(await count()).toBe(before);
  });

  test('every bad input the studio refuses leaves the gallery as it was', async () => {
    const before = await count();
    const good = await photo();
    const post = async (fill: (f: FormData) => Promise<void> | void) => {
      const form = new FormData();
      form.append('model', 'gpt-image-1');
      form.append('prompt', 'x');
      await fill(form);
      return fetch(`${studio.url}/api/v1/images/edits`, { method: 'POST', body: form });
    };
    const png = (data: Buffer, type = 'image/png') => new Blob([new Uint8Array(data)], { type });
    const cases: Array<[string, (f: FormData) => Promise<void> | void, number, string]> = [
      ['not an image', (f) => f.append('image', png(Buffer.from('hello')), 'a.png'), 400, 'unsupported_file_mimetype'],
      ['a truncated PNG', (f) => f.append('image', png(good.subarray(0, good.length >> 1)), 'a.png'), 400, 'invalid_image_file'],
      ['a mask of another size', async (f) => { f.append('image', png(good), 'a.png'); f.append('mask', png(await holeMask(64, 64)), 'm.png'); }, 400, 'invalid_mask'],
      ['a mask without alpha', async (f) => { f.append('image', png(good), 'a.png'); f.append('mask', png(await sharp(good).removeAlpha().png().toBuffer()), 'm.png'); }, 400, 'invalid_mask'],
      ['too many images', (f) => { for (let i = 0; i < 17; i++) f.append('image[]', png(good), `${i}.png`); }, 400, 'too_many_images'],
      ['a decompression bomb', async (f) => f.append('image', png(await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer()), 'b.png'), 413, 'image_too_large'],
    ];
    for (const [name, fill, status, code] of cases) {
      const res = await post(fill);
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: { code: string; type: string } }).error, name).toMatchObject({ code, type: 'invalid_request_error' });
    }
    expect(await count()).toBe(before);
  });

  test('a JSON body or an oversized upload is refused with 415 or 413', async () => {
    const json = await fetch(`${studio.url}/api/v1/images/edits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('prompt', 'x');
    form.append('image', new Blob([new Uint8Array(51 * 1024 * 1024)], { type: 'image/png' }), 'huge.png');
    const huge = await fetch(`${studio.url}/api/v1/images/edits`, { method: 'POST', body: form });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'file_too_large', param: 'image' } });
  });
});

describe('images.createVariation', () => {
  test('makes n variations of a square PNG, kept with their parent', async () => {
    const result = await client.images.createVariation({ image: await toFile(await photo(512, 512), 'v.png', { type: 'image/png' }), n: 2, size: '256x256', response_format: 'b64_json' });
    expect(result.data).toHaveLength(2);
    expect((await sharp(Buffer.from(result.data![0]!.b64_json!, 'base64')).metadata()).width).toBe(256);
    const saved = await detail((result.data![0] as unknown as Saved).gallery_id);
    expect(saved.endpoint).toBe('variations');
    expect(saved.parents).toHaveLength(1);
  });
});
