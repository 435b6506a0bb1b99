import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { OPEN_MODE_NAME } from '@/lib/auth/identity';
import { safetyIdentifier, safetyIdentifierKey } from '@/lib/images/safety-identifier';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Every upstream request carries the person's safety identifier (a keyed hash, never
 * the name), on every endpoint, streamed or not; an SDK 7 client's own
 * `safety_identifier` is accepted on the wire and replaced by the studio's.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const seen = async () => ((await (await fetch(`${studio.url}/api/simulator/v1/__simulator/stats`)).json()) as { identifiers: Record<string, number> }).identifiers;

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
  await fetch(`${studio.url}/api/simulator/v1/__simulator/reset`, { method: 'POST' });
});
afterAll(() => studio.close());

test('generations, streams, edits and variations all name the person by a keyed hash', async () => {
  const png = await sharp({ create: { width: 256, height: 256, channels: 4, background: '#336699' } }).png().toBuffer();
  // Extra fields as an SDK 7 client sends them (this SDK's types lack the field).
  const theirs = { safety_identifier: 'chosen-by-the-client' } as object;
  await client.images.generate({ model: 'gpt-image-1.5', prompt: 'a fox', quality: 'low', ...theirs });
  const stream = await client.images.generate({ model: 'gpt-image-1.5', prompt: 'a fox', quality: 'low', stream: true, partial_images: 1 });
  for await (const event of stream) void event;
  await client.images.edit({ model: 'gpt-image-1.5', prompt: 'a hat', quality: 'low', image: await toFile(png, 'in.png', { type: 'image/png' }), ...theirs });
  await client.images.createVariation({ model: 'dall-e-2', size: '256x256', image: await toFile(png, 'in.png', { type: 'image/png' }) });

  const expected = safetyIdentifier(OPEN_MODE_NAME, safetyIdentifierKey(process.env));
  expect(await seen()).toEqual({ [expected]: 4 });
  expect(expected).not.toContain(OPEN_MODE_NAME);
});
