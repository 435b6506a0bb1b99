import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { migrate, MIGRATIONS } from '@/lib/db/migrations';
import { openPostgres } from '@/lib/db/postgres';
import type { Database } from '@/lib/db/types';
import { createGallery } from '@/lib/gallery/gallery';
import type { BlobStore } from '@/lib/storage/types';
import { blobStores, postgresSchema, type Opened } from '../support/backends';

/**
 * Two app instances sharing one PostgreSQL server and one bucket: they start together
 * (migrations apply once), and each sees what the other saved and deleted.
 */
let schema: Awaited<ReturnType<typeof postgresSchema>>;
let a: Database;
let b: Database;
let bucket: Opened<BlobStore>;

beforeAll(async () => {
  schema = await postgresSchema('shared');
  [a, b] = await Promise.all([openPostgres(schema.url, 2), openPostgres(schema.url, 2)]);
  bucket = await blobStores.find(([name]) => name.startsWith('S3'))![1]();
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await bucket.close();
  await schema.drop();
});

test('instances starting together apply each migration once', async () => {
  const applied = await Promise.all([migrate(a), migrate(b), migrate(a)]);
  expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.id));
  const { rows } = await a.query<{ n: number }>('select count(*)::int as n from schema_migrations');
  expect(rows[0]!.n).toBe(MIGRATIONS.length);
});

test('what one instance saves, the other lists and serves; what it deletes, the other loses', async () => {
  const one = createGallery(a, bucket.value);
  const two = createGallery(b, bucket.value);
  const bytes = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3366cc' } }).png().toBuffer();
  const saved = await one.save({ bytes, creator: 'ana', endpoint: 'generations', model: 'gpt-image-1', prompt: 'shared', options: {} });
  const seen = await two.find(saved.id);
  expect(seen?.prompt).toBe('shared');
  expect(Buffer.from((await two.blobs.get(seen!.blobKey))!.data).equals(bytes)).toBe(true);
  expect(await two.remove(saved.id)).toBe(true);
  expect(await one.find(saved.id)).toBeNull();
  expect(await one.blobs.get(saved.blobKey)).toBeNull();
});
