import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * GPT Image 2.6's GIF and SVG output through the real routes, as the SDK sends them
 * (extra fields: this SDK's types predate them) and as curl does (multipart `svg[…]`):
 * made, relayed, kept and served with the right type, sanitised when an SVG is hostile,
 * priced alike before and after, and refused, with the parameter named, where the
 * format cannot go (streaming, n, frame sizes, a mask, other models).
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());

type Kept = { gallery_id: string; b64_json: string };
const generate = async (body: Record<string, unknown>) =>
  (await client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'a lighthouse', quality: 'low', ...body } as unknown as OpenAI.Images.ImageGenerateParamsNonStreaming)) as OpenAI.Images.ImagesResponse & {
    data: Kept[];
    svg_usage?: { model: string; output_tokens: number };
  };
const record = async (id: string) =>
  (await (await fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as { format: string; width: number; height: number; cost_usd: number; estimated_cost_usd: number };
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as InstanceType<typeof OpenAI.BadRequestError>,
  );

test('a GIF: several real frames, kept as a GIF with a still thumbnail, downloaded as .gif, priced per frame alike before and after', async () => {
  const result = await generate({ output_format: 'gif', size: '512x512', frame_count: 4, frame_duration_ms: 150 });
  const bytes = Buffer.from(result.data[0]!.b64_json, 'base64');
  const meta = await sharp(bytes, { animated: true }).metadata();
  expect(meta.format).toBe('gif');
  expect(meta.pages).toBe(4);
  expect(meta.delay).toEqual([150, 150, 150, 150]);
  // The frames differ: it is an animation, not one picture four times.
  const frame = (page: number) => sharp(bytes, { page }).raw().toBuffer();
  expect((await frame(0)).equals(await frame(2))).toBe(false);

  const kept = await record(result.data[0]!.gallery_id);
  expect([kept.format, kept.width, kept.height]).toEqual(['gif', 512, 512]);
  expect(kept.cost_usd).toBeCloseTo(kept.estimated_cost_usd, 6);
  const oneFrame = await generate({ output_format: 'png', size: '512x512' });
  const single = await record(oneFrame.data[0]!.gallery_id);
  // Four frames cost four pictures' output (the prompt's tokens aside).
  expect(kept.cost_usd / single.cost_usd).toBeGreaterThan(3.5);

  const download = await fetch(`${studio.url}/api/v1/gallery/${result.data[0]!.gallery_id}/image?download=1`);
  expect(download.headers.get('content-type')).toBe('image/gif');
  expect(download.headers.get('content-disposition')).toMatch(/filename="image-studio-\w+\.gif"/);
  expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  const thumb = await fetch(`${studio.url}/api/v1/gallery/${result.data[0]!.gallery_id}/thumbnail`);
  expect(thumb.headers.get('content-type')).toBe('image/webp');
  expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).pages ?? 1).toBe(1);
});

test('an SVG: a real SVG document with its authoring usage, kept as SVG, served as image/svg+xml with a script-free policy, thumbnailed as a picture', async () => {
  const result = await generate({ output_format: 'svg', size: '1024x1024', svg: { model: 'svg-author-1', reasoning: { effort: 'low' } } });
  const text = Buffer.from(result.data[0]!.b64_json, 'base64').toString('utf8');
  expect(text).toMatch(/^<svg[\s>]/);
  expect(result.svg_usage?.model).toBe('svg-author-1');
  const id = result.data[0]!.gallery_id;
  expect((await record(id)).format).toBe('svg');
  const served = await fetch(`${studio.url}/api/v1/gallery/${id}/image`);
  expect(served.headers.get('content-type')).toBe('image/svg+xml');
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  expect(served.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
  expect(await served.text()).toBe(text);
  const download = await fetch(`${studio.url}/api/v1/gallery/${id}/image?download=1`);
  expect(download.headers.get('content-disposition')).toMatch(/\.svg"/);
  const thumb = await sharp(Buffer.from(await (await fetch(`${studio.url}/api/v1/gallery/${id}/thumbnail`)).arrayBuffer())).metadata();
  expect([thumb.format, thumb.width]).toEqual(['webp', 512]);
});

test('a hostile SVG from upstream is stored, served and answered without anything that runs or reaches out', async () => {
  const result = await generate({ output_format: 'svg', prompt: 'a lighthouse sim:hostile-svg' });
  const answered = Buffer.from(result.data[0]!.b64_json, 'base64').toString('utf8');
  const served = await (await fetch(`${studio.url}/api/v1/gallery/${result.data[0]!.gallery_id}/image`)).text();
  for (const svg of [answered, served]) {
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).not.toMatch(/<script|\son\w+\s*=|javascript:|foreignObject|evil\.example|@import|<style|__hostile/i);
    // The picture itself is still there.
    expect(svg).toMatch(/<circle /);
  }
  expect(served).toBe(answered);
});

test('an SVG edit by curl: multipart svg[model] and svg[reasoning][effort] reach upstream as the SDK would send them', async () => {
  const form = new FormData();
  form.append('model', 'gpt-image-2.6-sunburst');
  form.append('prompt', 'as a flat icon');
  form.append('output_format', 'svg');
  form.append('svg[model]', 'svg-author-2');
  form.append('svg[reasoning][effort]', 'high');
  form.append('image', new Blob([new Uint8Array(await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3366aa' } }).png().toBuffer())], { type: 'image/png' }), 'in.png');
  const res = await fetch(`${studio.url}/api/v1/images/edits`, { method: 'POST', body: form });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: Kept[]; svg_usage: { model: string } };
  expect(body.svg_usage.model).toBe('svg-author-2');
  expect(Buffer.from(body.data[0]!.b64_json, 'base64').toString('utf8')).toMatch(/^<svg[\s>]/);
});

describe('refused, naming the parameter', () => {
  test.each([
    ['a GIF streamed', { output_format: 'gif', stream: true }, 'stream', /cannot send stream with output_format gif/],
    ['an SVG compressed', { output_format: 'svg', output_compression: 50 }, 'output_compression', /cannot send output_compression with output_format svg/],
    ['two SVGs at once', { output_format: 'svg', n: 2 }, 'n', /output_format svg makes at most 1 image/],
    ['GIF frames too large', { output_format: 'gif', size: '1024x1024' }, 'size', /A GIF of 9 frames may be at most 960 pixels/],
    ['16 frames of 816', { output_format: 'gif', size: '816x816', frame_count: 16 }, 'size', /16 frames may be at most 720/],
    ['frames for a PNG', { output_format: 'png', frame_count: 4 }, 'frame_count', /frame_count applies only with output_format gif/],
    ['17 frames', { output_format: 'gif', frame_count: 17 }, 'frame_count', /from 2 to 16/],
    ['an unknown SVG effort', { output_format: 'svg', svg: { reasoning: { effort: 'extreme' } } }, 'svg', /effort must be one of/],
    ['a GIF from GPT Image 2.5', { model: 'gpt-image-2.5-flare', output_format: 'gif' }, 'output_format', /does not accept output_format "gif"/],
  ])('%s', async (_name, body, param, message) => {
    const e = await refusal(generate(body));
    expect(e.status).toBe(400);
    expect(e.param).toBe(param);
    expect(e.message).toMatch(message);
  });

  test('a GIF edit with a mask', async () => {
    const png = await sharp({ create: { width: 256, height: 256, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const e = await refusal(
      client.images.edit({
        model: 'gpt-image-2.6-flare',
        prompt: 'spin it',
        image: await toFile(png, 'in.png', { type: 'image/png' }),
        mask: await toFile(png, 'mask.png', { type: 'image/png' }),
        output_format: 'gif',
      } as unknown as OpenAI.Images.ImageEditParamsNonStreaming),
    );
    expect(e.status).toBe(400);
    expect(e.param).toBe('mask');
    expect(e.message).toMatch(/cannot use a mask with output_format gif/);
  });
});
