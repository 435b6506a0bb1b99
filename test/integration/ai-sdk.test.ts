import { createOpenAI } from '@ai-sdk/openai';
import { generateImage } from 'ai';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * The Vercel AI SDK's generateImage, pointed at the studio as its OpenAI base URL:
 * generation, and an edit (images and a mask in the prompt), as an app built on it calls.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
  openai = createOpenAI({ apiKey: 'not-needed-in-open-mode', baseURL: `${studio.url}/api/v1` });
});
afterAll(() => studio.close());

const sizeOf = async (bytes: Uint8Array) => {
  const meta = await sharp(bytes).metadata();
  return `${meta.width}x${meta.height}`;
};

test('generateImage: a GPT image model and DALL·E 3', async () => {
  const { image, images } = await generateImage({ model: openai.image('gpt-image-1.5'), prompt: 'a lighthouse at dusk', size: '1536x1024', providerOptions: { openai: { quality: 'low' } }, maxRetries: 0 });
  expect(images).toHaveLength(1);
  expect(image.mediaType).toBe('image/png');
  expect(await sizeOf(image.uint8Array)).toBe('1536x1024');
  const dalle = await generateImage({ model: openai.image('dall-e-3'), prompt: 'a lighthouse, painted', size: '1024x1024', maxRetries: 0 });
  expect(await sizeOf(dalle.image.uint8Array)).toBe('1024x1024');
});

test('generateImage with images and a mask: an edit', async () => {
  const photo = await sharp({ create: { width: 1024, height: 1024, channels: 4, background: '#2a9d8f' } }).png().toBuffer();
  const alpha = Buffer.alloc(1024 * 1024 * 4, 255);
  for (let i = 3; i < 512 * 1024 * 4; i += 4) alpha[i] = 0;
  const mask = await sharp(alpha, { raw: { width: 1024, height: 1024, channels: 4 } }).png().toBuffer();
  const { image } = await generateImage({
    model: openai.image('gpt-image-1.5'),
    prompt: { text: 'a red kite in the sky', images: [new Uint8Array(photo)], mask: new Uint8Array(mask) },
    size: '1024x1024',
    maxRetries: 0,
  });
  const out = await sharp(image.uint8Array).ensureAlpha().raw().toBuffer();
  const src = await sharp(photo).ensureAlpha().raw().toBuffer();
  const at = (buf: Buffer, x: number, y: number) => [...buf.subarray((y * 1024 + x) * 4, (y * 1024 + x) * 4 + 4)];
  expect(at(out, 500, 900)).toEqual(at(src, 500, 900)); // under the mask's opaque half: kept
  expect(at(out, 500, 100)).not.toEqual(at(src, 500, 100)); // its transparent half: edited
  // Kept in the gallery as an edit, with its input as parent.
  const gallery = (await (await fetch(`${studio.url}/api/v1/gallery?endpoint=edits`)).json()) as { data: Array<{ parent_ids: string[] }> };
  expect(gallery.data[0]!.parent_ids).toHaveLength(1);
});
