import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from '../models/catalogue';
import { buildCatalogue } from '../models/registry';
import { createSimulator } from './simulator';

const sim = createSimulator({ catalogue: buildCatalogue(BUILT_IN_CATALOGUE) });

const photo = (w = 256, h = 256) =>
  sharp({ create: { width: w, height: h, channels: 4, background: { r: 30, g: 120, b: 200, alpha: 1 } } })
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><circle cx="${w / 3}" cy="${h / 3}" r="${w / 5}" fill="#f5c518"/></svg>`) }])
    .png()
    .toBuffer();

/** A mask: opaque everywhere except a transparent square (x0..x1, y0..y1). */
const squareMask = async (w: number, h: number, [x0, y0, x1, y1]: number[]) => {
  const data = Buffer.alloc(w * h * 4, 255);
  for (let y = y0!; y < y1!; y++) for (let x = x0!; x < x1!; x++) data[(y * w + x) * 4 + 3] = 0;
  return sharp(data, { raw: { width: w, height: h, channels: 4 } }).png().toBuffer();
};

const blob = (data: Buffer, type = 'image/png') => new Blob([new Uint8Array(data)], { type });

async function post(path: 'edits' | 'variations', form: FormData) {
  return sim.handle(new Request(`http://sim.test/v1/images/${path}`, { method: 'POST', body: form }));
}

const pixels = async (b64: string) => (await sharp(Buffer.from(b64, 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true })).data;

describe('simulated edits', () => {
  test('keep every pixel where the mask is opaque and change only where it is transparent', async () => {
    // 1024×1024, a size GPT image models make, so the result keeps the input's size.
    const source = await photo(1024, 1024);
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('prompt', 'a red hat');
    form.append('image', blob(source), 'photo.png');
    form.append('mask', blob(await squareMask(1024, 1024, [256, 256, 768, 768])), 'mask.png');
    const res = await post('edits', form);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ b64_json: string }>; size: string };
    expect(body.size).toBe('1024x1024');
    const out = await pixels(body.data[0]!.b64_json);
    const src = (await sharp(source).ensureAlpha().raw().toBuffer());
    let keptOutside = true;
    let changedInside = 0;
    for (let y = 0; y < 1024; y++)
      for (let x = 0; x < 1024; x++) {
        const i = (y * 1024 + x) * 4;
        const same = out[i] === src[i] && out[i + 1] === src[i + 1] && out[i + 2] === src[i + 2] && out[i + 3] === src[i + 3];
        const inside = x >= 256 && x < 768 && y >= 256 && y < 768;
        if (!inside && !same) keptOutside = false;
        if (inside && !same) changedInside++;
      }
    expect(keptOutside).toBe(true);
    expect(changedInside / (512 * 512)).toBeGreaterThan(0.9);
  });

  test('without a mask, change where the image itself is transparent', async () => {
    const data = Buffer.alloc(256 * 256 * 4, 200);
    for (let i = 3; i < 256 * 128 * 4; i += 4) data[i] = 0; // top half transparent
    const source = await sharp(data, { raw: { width: 256, height: 256, channels: 4 } }).png().toBuffer();
    const form = new FormData();
    form.append('model', 'dall-e-2');
    form.append('prompt', 'sky');
    form.append('response_format', 'b64_json');
    form.append('size', '256x256');
    form.append('image', blob(source), 'x.png');
    const out = await pixels(((await (await post('edits', form)).json()) as { data: Array<{ b64_json: string }> }).data[0]!.b64_json);
    expect(out[(250 * 256 + 10) * 4]).toBe(200); // bottom: kept
    expect(out[(10 * 256 + 10) * 4 + 3]).toBe(255); // top: filled in
  });

  test('without a mask, a GPT image edit changes the whole picture, still recognisably its input', async () => {
    const source = await photo(1024, 1024);
    const form = new FormData();
    form.append('model', 'gpt-image-1.5');
    form.append('prompt', 'make it autumn');
    form.append('image', blob(source), 'photo.png');
    const body = (await (await post('edits', form)).json()) as { data: Array<{ b64_json: string }> };
    const out = await pixels(body.data[0]!.b64_json);
    const src = await sharp(source).ensureAlpha().raw().toBuffer();
    let changed = 0;
    let diff = 0;
    for (let i = 0; i < src.length; i += 4) {
      const d = Math.abs(out[i]! - src[i]!) + Math.abs(out[i + 1]! - src[i + 1]!) + Math.abs(out[i + 2]! - src[i + 2]!);
      if (d > 0) changed++;
      diff += d;
    }
    expect(Buffer.compare(Buffer.from(body.data[0]!.b64_json, 'base64'), source)).not.toBe(0);
    expect(changed / (1024 * 1024)).toBeGreaterThan(0.9);
    // A blend, not a new picture: on average well under half the full range away.
    expect(diff / (1024 * 1024 * 3)).toBeLessThan(128);
  });

  test('a transparent background on an edit gives real alpha, inside the mask only', async () => {
    const form = new FormData();
    form.append('model', 'gpt-image-1.5');
    form.append('prompt', 'a floating lantern');
    form.append('background', 'transparent');
    form.append('image', blob(await photo(1024, 1024)), 'photo.png');
    form.append('mask', blob(await squareMask(1024, 1024, [256, 256, 768, 768])), 'mask.png');
    const body = (await (await post('edits', form)).json()) as { data: Array<{ b64_json: string }>; background: string };
    expect(body.background).toBe('transparent');
    const out = await pixels(body.data[0]!.b64_json);
    let clearInside = 0;
    let clearOutside = 0;
    for (let y = 0; y < 1024; y++)
      for (let x = 0; x < 1024; x++) {
        if (out[(y * 1024 + x) * 4 + 3]! === 255) continue;
        if (x >= 256 && x < 768 && y >= 256 && y < 768) clearInside++;
        else clearOutside++;
      }
    expect(clearInside).toBeGreaterThan(1000);
    expect(clearOutside).toBe(0);
    // Without a mask, the whole picture may be transparent in places.
    const whole = new FormData();
    for (const [k, v] of [['model', 'gpt-image-1'], ['prompt', 'a cut-out'], ['background', 'transparent']]) whole.append(k!, v!);
    whole.append('image', blob(await photo(1024, 1024)), 'photo.png');
    const cut = await pixels(((await (await post('edits', whole)).json()) as { data: Array<{ b64_json: string }> }).data[0]!.b64_json);
    let clear = 0;
    for (let i = 3; i < cut.length; i += 4) if (cut[i]! < 255) clear++;
    expect(clear).toBeGreaterThan(1000);
  });

  test.each([
    ['gpt-image-1.5', 800, 600, undefined, '1536x1024'],
    ['gpt-image-1.5', 600, 800, 'auto', '1024x1536'],
    ['gpt-image-1', 512, 512, undefined, '1024x1024'],
    ['gpt-image-2', 1920, 1080, undefined, '1536x1024'],
    ['dall-e-2', 512, 512, undefined, '1024x1024'],
    ['dall-e-2', 512, 512, '256x256', '256x256'],
  ])('%s edit of a %ix%i image with size %s comes out %s', async (model, w, h, size, expected) => {
    const form = new FormData();
    form.append('model', model);
    form.append('prompt', 'a hat');
    if (size) form.append('size', size);
    if (model === 'dall-e-2') form.append('response_format', 'b64_json');
    form.append('image', blob(await photo(w, h)), 'photo.png');
    const body = (await (await post('edits', form)).json()) as { data: Array<{ b64_json: string }>; size?: string };
    const meta = await sharp(Buffer.from(body.data[0]!.b64_json, 'base64')).metadata();
    expect(`${meta.width}x${meta.height}`).toBe(expected);
  });

  test('several images (image[]) and streaming give image_edit events', async () => {
    const form = new FormData();
    form.append('model', 'gpt-image-1.5');
    form.append('prompt', 'combine them');
    form.append('stream', 'true');
    form.append('partial_images', '2');
    for (let i = 0; i < 3; i++) form.append('image[]', blob(await photo(128, 96)), `p${i}.png`);
    const text = await (await post('edits', form)).text();
    expect([...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1])).toEqual(['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
  });

  test('refuse bad inputs with a clear status and code', async () => {
    const good = await photo();
    const cases: Array<[string, (f: FormData) => Promise<void> | void, number, string]> = [
      ['not an image', (f) => f.append('image', blob(Buffer.from('hello, not a picture')), 'a.png'), 400, 'unsupported_file_mimetype'],
      ['a truncated PNG', (f) => f.append('image', blob(good.subarray(0, Math.floor(good.length / 2))), 'a.png'), 400, 'invalid_image_file'],
      ['a GIF, whatever its label', (f) => f.append('image', blob(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'application/octet-stream'), 'a.png'), 400, 'unsupported_file_mimetype'],
      ['a mask of another size', async (f) => { f.append('image', blob(good), 'a.png'); f.append('mask', blob(await squareMask(128, 128, [0, 0, 10, 10])), 'm.png'); }, 400, 'invalid_mask'],
      ['a mask without alpha', async (f) => { f.append('image', blob(good), 'a.png'); f.append('mask', blob(await sharp(good).removeAlpha().png().toBuffer()), 'm.png'); }, 400, 'invalid_mask'],
      ['too many images', async (f) => { for (let i = 0; i < 17; i++) f.append('image[]', blob(good), `${i}.png`); }, 400, 'too_many_images'],
      ['a decompression bomb', async (f) => f.append('image', blob(await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer()), 'bomb.png'), 413, 'image_too_large'],
      ['no image at all', () => {}, 400, 'missing_image'],
    ];
    for (const [name, fill, status, code] of cases) {
      const form = new FormData();
      form.append('model', 'gpt-image-1');
      form.append('prompt', 'x');
      await fill(form);
      const res = await post('edits', form);
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
  });

  test('dall-e-2 takes square PNGs under 4 MB only, and says how to fix it', async () => {
    const form = new FormData();
    form.append('model', 'dall-e-2');
    form.append('prompt', 'x');
    form.append('image', blob(await photo(300, 200)), 'wide.png');
    const res = await post('edits', form);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/square.*300×200.*Crop or pad/);
  });
});

describe('simulated variations', () => {
  test('are deterministic relatives of their input, at the asked size', async () => {
    const make = async () => {
      const form = new FormData();
      form.append('image', blob(await photo()), 'p.png');
      form.append('n', '2');
      form.append('size', '512x512');
      form.append('response_format', 'b64_json');
      return ((await (await post('variations', form)).json()) as { data: Array<{ b64_json: string }> }).data.map((d) => d.b64_json);
    };
    const [a, b] = [await make(), await make()];
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(a[1]);
    expect((await sharp(Buffer.from(a[0]!, 'base64')).metadata()).width).toBe(512);
  });

  test('url results serve the kept bytes', async () => {
    const form = new FormData();
    form.append('image', blob(await photo()), 'p.png');
    const body = (await (await post('variations', form)).json()) as { data: Array<{ url: string }> };
    const image = await sim.handle(new Request(body.data[0]!.url));
    expect(image.headers.get('content-type')).toBe('image/png');
  });
});
