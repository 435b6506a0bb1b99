import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import CRC32 from 'crc-32';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { BlobStore } from '../storage/types';
import { preferNativeCrc32 } from './native-crc';
import type { ImageRecord } from './repository';
import { entryName, zipImages } from './zip';

const image = (id: string, prompt: string | null): ImageRecord => ({
  id, createdAt: new Date('2026-11-20T10:00:00Z'), creator: 'ana', creatorName: 'Ana', endpoint: 'generations', model: 'gpt-image-1', prompt, revisedPrompt: null,
  options: { size: '1024x1024' }, width: 1024, height: 1024, format: 'png', byteSize: 0, blobKey: `images/${id}/original.png`, thumbKey: `images/${id}/thumb.webp`,
  usage: null, estimatedUsd: 0.01, costUsd: 0.011, requestId: null, parentIds: [], markupId: null, contentSha256: null,
});

function memoryStore(files: Map<string, Uint8Array>): BlobStore {
  return {
    kind: 'file',
    put: async (key, data) => void files.set(key, data),
    get: async (key) => (files.has(key) ? { data: files.get(key)!, contentType: 'image/png' } : null),
    delete: async (key) => void files.delete(key),
    list: async function* () {},
  };
}

/** Each central-directory entry's name and recorded CRC-32. */
function centralDirectory(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, number>();
  for (let at = 0; at + 46 <= zip.byteLength; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    out.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), view.getUint32(at + 16, true));
    at += 45 + nameLength;
  }
  return out;
}

describe('zip of originals', () => {
  test('entries are the originals byte for byte, in order, named by position and prompt, with true checksums and a manifest', async () => {
    const images = [image('img_a', 'A red fox, at dusk!'), image('img_b', null), image('img_c', 'gone')];
    const files = new Map<string, Uint8Array>([
      ['images/img_a/original.png', randomBytes(300_000)],
      ['images/img_b/original.png', randomBytes(1234)],
    ]);
    const zip = new Uint8Array(await new Response(zipImages(memoryStore(files), images, { name: 'Review' })).arrayBuffer());
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(['1-a-red-fox-at-dusk.png', '2-b.png', 'manifest.json']);
    expect(Buffer.from(entries['1-a-red-fox-at-dusk.png']!).equals(Buffer.from(files.get('images/img_a/original.png')!))).toBe(true);
    const crcs = centralDirectory(zip);
    for (const [name, data] of Object.entries(entries)) expect(crcs.get(name), name).toBe(CRC32.buf(data) >>> 0);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    expect(manifest.name).toBe('Review');
    expect(manifest.images.map((i: { id: string }) => i.id)).toEqual(['img_a', 'img_b', 'img_c']);
    expect(manifest.images[0]).toMatchObject({ prompt: 'A red fox, at dusk!', model: 'gpt-image-1', creator: 'Ana', cost_usd: 0.011 });
  });

  test('hidden prompts stay out of names and the manifest', async () => {
    const files = new Map([['images/img_a/original.png', new Uint8Array([1, 2, 3])]]);
    const entries = unzipSync(new Uint8Array(await new Response(zipImages(memoryStore(files), [image('img_a', 'secret plan')], { hidePrompts: true })).arrayBuffer()));
    expect(Object.keys(entries)[0]).toBe(entryName(0, 1, image('img_a', 'secret plan'), true));
    expect(new TextDecoder().decode(entries['manifest.json'])).not.toContain('secret');
  });

  test("the checksum archiver uses is Node's native one where Node has it, with the same results", () => {
    const native = typeof (zlib as { crc32?: unknown }).crc32 === 'function';
    expect(preferNativeCrc32()).toBe(native);
    const data = randomBytes(4099);
    const js = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
    if (js) expect(CRC32.buf(data) >>> 0).toBe(js(data));
    // Continuing from a seed gives the checksum of the whole.
    expect(CRC32.buf(data.subarray(100), CRC32.buf(data.subarray(0, 100))) >>> 0).toBe(CRC32.buf(data) >>> 0);
  });
});
