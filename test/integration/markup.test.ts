import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Markup-guided edits through the real routes, as the SDK uploads them (a `markup` file
 * part): forwarded upstream, honoured by the simulator as the edit region (only the
 * marked pixels change), and refused with the parameter named when combined with a
 * mask, sent to a model without markup, the wrong size, not a PNG, or opaque all over.
 * The gallery keeps the layer with the edit.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const W = 1536;
const H = 1024;

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());

const source = () => sharp({ create: { width: W, height: H, channels: 3, background: '#2255aa' } }).png().toBuffer();
/** Transparent, with one opaque red disc: "change this". */
const marks = (width = W, height = H) =>
  sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="400" cy="400" r="150" fill="#f00"/></svg>`) }])
    .png()
    .toBuffer();
const file = async (data: Buffer | Promise<Buffer>, name: string) => toFile(await data, name, { type: 'image/png' });
const edit = async (extra: Record<string, unknown>, model = 'gpt-image-2.6-flare') =>
  client.images.edit({ model, prompt: 'a sun here', quality: 'low', image: await file(source(), 'in.png'), ...(extra as object) });
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as InstanceType<typeof OpenAI.BadRequestError>);

test('the marked pixels change and every other pixel is kept exactly', async () => {
  const result = await edit({ markup: await file(marks(), 'markup.png') });
  const out = await sharp(Buffer.from(result.data![0]!.b64_json!, 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([out.info.width, out.info.height]).toEqual([W, H]);
  const input = await sharp(await source()).ensureAlpha().raw().toBuffer();
  const mark = await sharp(await marks()).ensureAlpha().raw().toBuffer();
  let changedOutside = 0, changedInside = 0, inside = 0;
  for (let i = 0; i < input.length; i += 4) {
    const same = input[i] === out.data[i] && input[i + 1] === out.data[i + 1] && input[i + 2] === out.data[i + 2];
    if (mark[i + 3]! > 0) {
      inside++;
      if (!same) changedInside++;
    } else if (!same) changedOutside++;
  }
  expect(changedOutside).toBe(0);
  expect(changedInside / inside).toBeGreaterThan(0.5);

  // The gallery keeps the layer as an input of the edit: its bytes as sent, beside the source.
  const id = (result.data![0] as { gallery_id?: string }).gallery_id!;
  const record = (await (await fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as { markup_id: string | null; parent_ids: string[] };
  expect(record.parent_ids).toHaveLength(1);
  expect(record.markup_id).toBeTruthy();
  expect(record.markup_id).not.toBe(record.parent_ids[0]);
  const kept = Buffer.from(await (await fetch(`${studio.url}/api/v1/gallery/${record.markup_id}/image`)).arrayBuffer());
  expect(kept.equals(await marks())).toBe(true);
});

describe('refused, naming markup', () => {
  test.each([
    ['with a mask', async () => ({ markup: await file(marks(), 'markup.png'), mask: await file(marks(), 'mask.png') }), 'gpt-image-2.6-flare', /cannot be combined/],
    ['on a model without markup', async () => ({ markup: await file(marks(), 'markup.png') }), 'gpt-image-1.5', /does not take markup; GPT Image 2\.5 and 2\.6/],
    ['of another size', async () => ({ markup: await file(marks(512, 512), 'markup.png') }), 'gpt-image-2.6-flare', /512×512 but the image is 1536×1024/],
    ['opaque all over', async () => ({ markup: await file(sharp({ create: { width: W, height: H, channels: 4, background: '#ff0000' } }).png().toBuffer(), 'markup.png') }), 'gpt-image-2.6-flare', /opaque all over/],
    ['not a PNG', async () => ({ markup: await toFile(await sharp({ create: { width: W, height: H, channels: 3, background: '#fff' } }).jpeg().toBuffer(), 'markup.jpg', { type: 'image/jpeg' }) }), 'gpt-image-2.6-flare', /must be a PNG/],
  ])('%s', async (_name, extra, model, message) => {
    const e = await refusal(edit(await extra(), model));
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.param).toBe('markup');
    expect(e.message).toMatch(message);
  });
});
