import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '@/lib/db/types';
import { decodeCursor, encodeCursor } from '@/lib/gallery/cursor';
import { createGallery, type NewImage } from '@/lib/gallery/gallery';
import { childrenOf, listImages } from '@/lib/gallery/repository';
import type { BlobStore } from '@/lib/storage/types';
import { blobStores, databases, type Opened } from '../support/backends';

const png = (seed: number, width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 3, background: { r: seed % 255, g: (seed * 7) % 255, b: 90 } } }).png().toBuffer();

const image = async (over: Partial<NewImage> = {}): Promise<NewImage> => ({
  bytes: await png(1),
  creator: 'local',
  endpoint: 'generations',
  model: 'gpt-image-1.5',
  prompt: 'a lighthouse at dusk',
  options: { size: '1024x1024', quality: 'high' },
  usage: { output_tokens: 4160 },
  costUsd: 0.1331,
  requestId: 'req_1',
  ...over,
});

describe.each(databases)('gallery metadata on %s', (_dbName, openDb) => {
  describe.each(blobStores)('with blobs in %s', (_blobName, openBlobs) => {
    let db: Opened<Database>;
    let blobs: Opened<BlobStore>;
    beforeAll(async () => {
      db = await openDb();
      blobs = await openBlobs();
    });
    afterAll(async () => {
      await blobs.close();
      await db.close();
    });

    test('saves bytes, thumbnail and row together, and reads them back', async () => {
      const gallery = createGallery(db.value, blobs.value);
      const bytes = await png(3, 1536, 1024);
      const saved = await gallery.save(await image({ bytes, revisedPrompt: 'revised', parentIds: [] }));
      expect(saved).toMatchObject({ width: 1536, height: 1024, format: 'png', byteSize: bytes.byteLength, creator: 'local', costUsd: 0.1331, usage: { output_tokens: 4160 } });
      expect(saved.id).toMatch(/^img_[0-9a-f]{32}$/);
      const original = await blobs.value.get(saved.blobKey);
      expect(Buffer.from(original!.data).equals(bytes)).toBe(true);
      expect(original!.contentType).toBe('image/png');
      const thumb = await sharp(Buffer.from((await blobs.value.get(saved.thumbKey))!.data)).metadata();
      expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 512, 341]);
      expect(await gallery.find(saved.id)).toEqual(saved);
    });

    test('lists newest first with cursor pagination and filters', async () => {
      const gallery = createGallery(db.value, blobs.value);
      const made = [];
      for (let i = 0; i < 7; i++)
        made.push(await gallery.save(await image({ bytes: await png(10 + i, 64, 64), prompt: i % 2 ? `odd fox ${i}` : `even owl ${i}`, model: i < 3 ? 'dall-e-3' : 'gpt-image-1', creator: i === 6 ? 'ana' : 'local' })));
      const pages: string[][] = [];
      let cursor: ReturnType<typeof decodeCursor> | undefined;
      for (;;) {
        const page = await listImages(db.value, { model: 'gpt-image-1' }, 2, cursor ?? undefined);
        if (!page.length) break;
        pages.push(page.map((r) => r.id));
        const last = page[page.length - 1]!;
        cursor = decodeCursor(encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }));
      }
      expect(pages.flat()).toEqual(made.slice(3).reverse().map((r) => r.id));
      expect(pages.map((p) => p.length)).toEqual([2, 2]);
      expect((await listImages(db.value, { q: 'FOX' }, 50)).map((r) => r.prompt)).toEqual(['odd fox 5', 'odd fox 3', 'odd fox 1']);
      expect((await listImages(db.value, { q: '100%_' }, 50))).toEqual([]);
      expect((await listImages(db.value, { creator: 'ana' }, 50)).map((r) => r.id)).toEqual([made[6]!.id]);
    });

    test('links children to parents', async () => {
      const gallery = createGallery(db.value, blobs.value);
      const parent = await gallery.save(await image());
      const child = await gallery.save(await image({ endpoint: 'edits', parentIds: [parent.id] }));
      expect((await childrenOf(db.value, parent.id)).map((r) => r.id)).toEqual([child.id]);
    });

    test('delete removes row and bytes', async () => {
      const gallery = createGallery(db.value, blobs.value);
      const saved = await gallery.save(await image());
      expect(await gallery.remove(saved.id)).toBe(true);
      expect(await gallery.find(saved.id)).toBeNull();
      expect(await blobs.value.get(saved.blobKey)).toBeNull();
      expect(await blobs.value.get(saved.thumbKey)).toBeNull();
      expect(await gallery.remove(saved.id)).toBe(false);
    });

    test('a failure after the bytes or during the row leaves nothing visible, and the sweep cleans up', async () => {
      const crashAfterBlobs = createGallery(db.value, blobs.value, { afterBlobs: () => { throw new Error('crash after bytes'); } });
      await expect(crashAfterBlobs.save(await image({ prompt: 'never saved A' }))).rejects.toThrow('crash after bytes');
      const failDuringRow = createGallery(db.value, blobs.value, { duringRow: () => { throw new Error('crash during row'); } });
      await expect(failDuringRow.save(await image({ prompt: 'never saved B' }))).rejects.toThrow('crash during row');
      expect(await listImages(db.value, { q: 'never saved' }, 10)).toEqual([]);

      const gallery = createGallery(db.value, blobs.value);
      const kept = await gallery.save(await image({ prompt: 'kept' }));
      // The crash after bytes left an orphan (a real crash skips the clean-up); the sweep
      // removes it once past the grace period and keeps every image that has a row.
      const orphans = await gallery.sweep(0, Date.now() + 1000);
      expect(orphans.length).toBe(2);
      expect(orphans.every((k) => k.startsWith('images/img_'))).toBe(true);
      expect(await blobs.value.get(kept.blobKey)).not.toBeNull();
      expect(await gallery.sweep(0, Date.now() + 1000)).toEqual([]);
    });

    test('the sweep leaves young bytes alone: they may belong to a save in flight', async () => {
      const crash = createGallery(db.value, blobs.value, { afterBlobs: () => { throw new Error('crash'); } });
      await expect(crash.save(await image())).rejects.toThrow();
      const gallery = createGallery(db.value, blobs.value);
      expect(await gallery.sweep(60_000)).toEqual([]);
      await gallery.sweep(0, Date.now() + 1000);
    });
  });
});

test('cursors are opaque and malformed ones are refused', () => {
  const c = { createdAt: '2026-11-21T05:00:00.123Z', id: `img_${'a'.repeat(32)}` };
  expect(decodeCursor(encodeCursor(c))).toEqual(c);
  for (const bad of ['', 'not a cursor!', Buffer.from('x|y').toString('base64url'), Buffer.from(`2026-13-99T00:00:00.000Z|${c.id}`).toString('base64url'), 'A'.repeat(500)])
    expect(decodeCursor(bad)).toBeNull();
});
