import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate } from '@/lib/db/migrations';
import { openPostgres } from '@/lib/db/postgres';
import type { Database } from '@/lib/db/types';
import { addImages, boardImages, createBoard, deleteBoard, listBoards, reorder, setPick } from '@/lib/boards/store';
import { databases, postgresSchema, type Opened } from '../support/backends';

/**
 * Boards on every database: order kept whole under concurrent reorders, an image deleted
 * from the gallery leaves its boards, a board deleted leaves its images.
 */
async function insertImages(db: Database, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `img_${String(i).padStart(32, '0')}`);
  for (const id of ids)
    await db.query(
      `insert into images (id, creator, endpoint, model, options, width, height, format, byte_size, blob_key, thumb_key) values ($1, 'ana', 'generations', 'm', '{}', 1, 1, 'png', 1, 'k', 'k')`,
      [id],
    );
  return ids;
}

const shuffled = <T>(items: T[], seed: number) => {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe.each(databases)('boards on %s', (_name, open) => {
  let opened: Opened<Database>;
  let db: Database;
  let images: string[];
  beforeAll(async () => {
    opened = await open();
    db = opened.value;
    images = await insertImages(db, 12);
  });
  afterAll(() => opened.close());

  test('concurrent reorders apply whole: the order is one of those sent, positions 0..n-1', async () => {
    const board = await createBoard(db, { name: 'review', description: null, owner: 'ana', imageIds: images });
    expect((await boardImages(db, board.id, 'ana')).map((i) => i.imageId)).toEqual(images);
    const orders = Array.from({ length: 16 }, (_, i) => shuffled(images, i + 1));
    const results = await Promise.all(orders.map((order) => reorder(db, board.id, order)));
    expect(results.every(Boolean)).toBe(true);
    expect((await listBoards(db)).find((x) => x.id === board.id)?.imageCount).toBe(images.length);
    const final = await boardImages(db, board.id, 'ana');
    expect(final.map((i) => i.position)).toEqual(images.map((_, i) => i));
    expect(orders.map((o) => o.join())).toContain(final.map((i) => i.imageId).join());
    // Not every image, or one twice: refused.
    expect(await reorder(db, board.id, images.slice(1))).toBe(false);
    expect(await reorder(db, board.id, [...images.slice(1), images[1]!])).toBe(false);
  });

  test('added images go at the end once; a deleted image leaves every board; a deleted board leaves its images', async () => {
    const a = await createBoard(db, { name: 'a', description: null, owner: 'ana', imageIds: images.slice(0, 3) });
    const b = await createBoard(db, { name: 'b', description: null, owner: 'bo', imageIds: [images[2]!] });
    expect(await db.transaction((tx) => addImages(tx, a.id, [images[2]!, images[5]!, 'img_' + 'f'.repeat(32)], 'bo'))).toBe(1);
    expect((await boardImages(db, a.id, 'x')).map((i) => i.imageId)).toEqual([images[0], images[1], images[2], images[5]]);
    const count = async (id: string) => (await listBoards(db)).find((x) => x.id === id)?.imageCount;
    expect([await count(a.id), await count(b.id)]).toEqual([4, 1]);
    await setPick(db, images[2]!, 'bo', true);
    expect((await boardImages(db, a.id, 'bo')).find((i) => i.imageId === images[2])).toMatchObject({ picks: 1, pickedByMe: true });
    await db.query('delete from images where id = $1', [images[2]]);
    expect((await boardImages(db, a.id, 'x')).map((i) => i.imageId)).toEqual([images[0], images[1], images[5]]);
    expect(await count(a.id)).toBe(3);
    expect((await listBoards(db)).find((x) => x.id === b.id)).toMatchObject({ imageCount: 0, shownCoverId: null });
    expect(await deleteBoard(db, a.id)).toBe(true);
    expect((await db.query('select count(*)::int as n from images where id = any($1::text[])', [[images[0], images[1], images[5]]])).rows[0]).toEqual({ n: 3 });
  });
});

describe('two instances on the PostgreSQL server', () => {
  test('reorders sent through both at once leave one consistent order', async () => {
    const schema = await postgresSchema('boards_two');
    const [one, two] = [await openPostgres(schema.url, 4), await openPostgres(schema.url, 4)];
    try {
      await migrate(one);
      const images = await insertImages(one, 10);
      const board = await createBoard(one, { name: 'shared', description: null, owner: 'ana', imageIds: images });
      const orders = Array.from({ length: 20 }, (_, i) => shuffled(images, i + 100));
      expect((await Promise.all(orders.map((order, i) => reorder(i % 2 ? one : two, board.id, order)))).every(Boolean)).toBe(true);
      const seenByOne = (await boardImages(one, board.id, 'x')).map((i) => i.imageId);
      const seenByTwo = (await boardImages(two, board.id, 'x')).map((i) => i.imageId);
      expect(seenByOne).toEqual(seenByTwo);
      expect(orders.map((o) => o.join())).toContain(seenByOne.join());
      // Adds and removals through both at once: the kept count is the rows there are.
      const other = await createBoard(one, { name: 'counted', description: null, owner: 'ana' });
      await Promise.all(images.map((id, i) => (i % 2 ? one : two).transaction((tx) => addImages(tx, other.id, [id], 'ana'))));
      await Promise.all(images.slice(0, 4).map((id, i) => (i % 2 ? two : one).query('delete from board_images where board_id = $1 and image_id = $2', [other.id, id])));
      const kept = (await listBoards(two)).find((x) => x.id === other.id)?.imageCount;
      expect(kept).toBe(images.length - 4);
      expect((await boardImages(one, other.id, 'x')).length).toBe(kept);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await schema.drop();
    }
  });
});
