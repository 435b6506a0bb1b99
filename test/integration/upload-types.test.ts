import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Uploads are judged by their bytes, not by the part's declared type or file name: every
 * way the official SDK's README sends a file (a read stream, `toFile` with and without a
 * type, a Blob) works for edits, multi-image edits, masks and variations. Bytes that are
 * no accepted image are refused with the type they really are.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const dir = mkdtempSync(path.join(tmpdir(), 'studio-uploads-'));
let square: Buffer;
let mask: Buffer;

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
  square = await sharp({ create: { width: 256, height: 256, channels: 4, background: '#2a9d8f' } }).png().toBuffer();
  const alpha = Buffer.alloc(256 * 256 * 4, 255);
  for (let i = 3; i < 128 * 256 * 4; i += 4) alpha[i] = 0;
  mask = await sharp(alpha, { raw: { width: 256, height: 256, channels: 4 } }).png().toBuffer();
  writeFileSync(path.join(dir, 'otter.png'), square);
  writeFileSync(path.join(dir, 'mask.png'), mask);
  writeFileSync(path.join(dir, 'otter.jpg'), await sharp(square).flatten().jpeg().toBuffer());
});
afterAll(() => studio.close());

type Uploadable = Parameters<OpenAI['images']['edit']>[0]['image'] & Parameters<OpenAI['images']['createVariation']>[0]['image'];
const ways: Array<[string, (name: string) => Promise<Uploadable> | Uploadable]> = [
  ['fs.createReadStream', (name) => createReadStream(path.join(dir, name))],
  ['toFile without a type', async (name) => toFile(createReadStream(path.join(dir, name)), name)],
  ['toFile from a Buffer without a type', async (name) => toFile(square, name)],
  ['toFile with a type', async (name) => toFile(square, name, { type: 'image/png' })],
  ['a Blob without a type', (name) => new File([new Uint8Array(square)], name)],
];

describe.each(ways)('%s', (_way, file) => {
  test('edit, multi-image edit with a mask, and variation', async () => {
    const edit = await client.images.edit({ model: 'gpt-image-1', image: await file('otter.png'), prompt: 'an otter in a hat', quality: 'low' });
    expect(edit.data?.[0]?.b64_json).toBeTruthy();
    const several = await client.images.edit({
      model: 'gpt-image-1',
      image: [await file('otter.png'), await file('otter.png')],
      mask: await file('mask.png'),
      prompt: 'two otters',
      quality: 'low',
    });
    expect(several.data).toHaveLength(1);
    const variation = await client.images.createVariation({ model: 'dall-e-2', image: await file('otter.png'), n: 1, size: '256x256' });
    expect(variation.data).toHaveLength(1);
  });
});

test('a JPEG read from disk is accepted for a GPT image edit', async () => {
  const edit = await client.images.edit({ model: 'gpt-image-1', image: createReadStream(path.join(dir, 'otter.jpg')), prompt: 'a jpeg otter', quality: 'low' });
  expect(edit.data).toHaveLength(1);
});

test('bytes that are no accepted image are refused, naming what they are', async () => {
  writeFileSync(path.join(dir, 'notes.png'), 'just some text, not a picture');
  const refused = await client.images.edit({ model: 'gpt-image-1', image: createReadStream(path.join(dir, 'notes.png')), prompt: 'x' }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
  expect((refused as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('unsupported_file_mimetype');
  expect((refused as Error).message).toMatch(/text\/plain/);
  const gif = await sharp(square).gif().toBuffer();
  const gifRefused = await client.images.edit({ model: 'gpt-image-1', image: await toFile(gif, 'otter.png', { type: 'image/png' }), prompt: 'x' }).catch((e: unknown) => e);
  expect((gifRefused as Error).message).toMatch(/image\/gif \(sent as image\/png\)/);
});
