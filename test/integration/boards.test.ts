import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Boards, picks and comments through the real routes (embedded database; the storage
 * tests run the same store on the PostgreSQL server too): who may do what, the order,
 * comment text kept as text, deleted images leaving boards, and unknown ids.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
const images: string[] = [];
type Board = { id: string; name: string; owner: string; image_count: number; cover_image_id: string | null; images?: Array<{ image_id: string; picks: number; picked: boolean; comments: number }> };

const call = async (method: string, path: string, person: string, body?: unknown) => {
  const response = await fetch(`${studio.url}${path}`, {
    method,
    headers: { 'x-user': person, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; param: string | null } } };
};

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
  process.env.STUDIO_AUTH_HEADER = 'x-user';
  for (let i = 0; i < 5; i++) {
    const made = await call('POST', '/api/v1/images/generations', 'ana', { model: 'dall-e-2', prompt: `board image ${i}`, size: '256x256' });
    images.push((made.body.data as Array<{ gallery_id: string }>)[0]!.gallery_id);
  }
});
afterAll(async () => {
  delete process.env.STUDIO_AUTH_HEADER;
  await studio.close();
});

describe('boards', () => {
  test('made from a selection; anyone adds; only the owner renames, reorders, removes and deletes', async () => {
    const created = await call('POST', '/api/v1/boards', 'ana', { name: 'Spring campaign', description: 'candidates', image_ids: images.slice(0, 4) });
    expect(created.status).toBe(201);
    const board = created.body as unknown as Board;
    expect(board).toMatchObject({ name: 'Spring campaign', owner: 'ana', image_count: 4, cover_image_id: images[0] });

    expect((await call('POST', `/api/v1/boards/${board.id}/images`, 'bo', { image_ids: [images[4]] })).status).toBe(200);
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/boards/${board.id}`, { name: 'mine now' }],
      ['PUT', `/api/v1/boards/${board.id}/images`, { image_ids: [...images].reverse() }],
      ['DELETE', `/api/v1/boards/${board.id}/images/${images[0]}`, undefined],
      ['DELETE', `/api/v1/boards/${board.id}`, undefined],
    ] as const) {
      const refused = await call(method, path, 'bo', body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error!.message).toMatch(/^Only ana, who made this board, or an admin may /);
    }

    const reordered = await call('PUT', `/api/v1/boards/${board.id}/images`, 'ana', { image_ids: [...images].reverse() });
    expect((reordered.body.data as Array<{ image_id: string }>).map((i) => i.image_id)).toEqual([...images].reverse());
    // Not the board's images exactly (someone changed it meanwhile): 409, nothing moved.
    expect((await call('PUT', `/api/v1/boards/${board.id}/images`, 'ana', { image_ids: images.slice(1) })).status).toBe(409);
    expect((await call('PATCH', `/api/v1/boards/${board.id}`, 'ana', { name: 'Spring', cover_image_id: images[2] })).body).toMatchObject({ name: 'Spring', cover_image_id: images[2], cover_chosen: true });
    expect((await call('PATCH', `/api/v1/boards/${board.id}`, 'ana', { cover_image_id: 'img_' + '0'.repeat(32) })).status).toBe(400);
    expect((await call('GET', '/api/v1/boards', 'cy', undefined)).body.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: board.id, image_count: 5 })]));

    expect((await call('DELETE', `/api/v1/boards/${board.id}/images/${images[1]}`, 'ana')).status).toBe(200);
    expect((await call('DELETE', `/api/v1/boards/${board.id}`, 'ana')).status).toBe(200);
    // The images stay in the gallery.
    expect((await call('GET', `/api/v1/gallery/${images[1]}`, 'ana')).status).toBe(200);
  });

  test('deleting an image takes it off its boards', async () => {
    const extra = (await call('POST', '/api/v1/images/generations', 'ana', { model: 'dall-e-2', prompt: 'to delete', size: '256x256' })).body.data as Array<{ gallery_id: string }>;
    const board = (await call('POST', '/api/v1/boards', 'ana', { name: 'temp', image_ids: [extra[0]!.gallery_id, images[0]] })).body as unknown as Board;
    expect((await call('DELETE', `/api/v1/gallery/${extra[0]!.gallery_id}`, 'ana')).status).toBe(200);
    const after = (await call('GET', `/api/v1/boards/${board.id}`, 'ana')).body as unknown as Board;
    expect(after.images!.map((i) => i.image_id)).toEqual([images[0]]);
    expect(after.image_count).toBe(1);
  });

  test('a guessed or malformed board id gets the same 404', async () => {
    const guessed = await call('GET', `/api/v1/boards/brd_${'0'.repeat(32)}`, 'ana');
    expect(guessed.status).toBe(404);
    for (const other of ['brd_nope', 'img_' + '0'.repeat(32), encodeURIComponent("' or 1=1 --")]) expect((await call('GET', `/api/v1/boards/${other}`, 'ana')).body).toEqual(guessed.body);
    expect((await call('DELETE', `/api/v1/boards/brd_${'1'.repeat(32)}`, 'ana')).body).toEqual(guessed.body);
  });

  test('bad bodies are refused naming the parameter', async () => {
    expect((await call('POST', '/api/v1/boards', 'ana', { name: '' })).body.error).toMatchObject({ param: 'name', code: 'invalid_value' });
    expect((await call('POST', '/api/v1/boards', 'ana', { name: 'x', colour: 'red' })).body.error).toMatchObject({ param: 'colour' });
    expect((await call('POST', '/api/v1/boards', 'ana', { name: 'x', image_ids: ['../x'] })).body.error).toMatchObject({ param: 'image_ids.0' });
  });
});

describe('picks and comments', () => {
  test('each person picks once; the board shows how many picked and whether I did', async () => {
    const board = (await call('POST', '/api/v1/boards', 'ana', { name: 'picks', image_ids: [images[3]] })).body as unknown as Board;
    expect((await call('PUT', `/api/v1/gallery/${images[3]}/pick`, 'bo')).body).toMatchObject({ picked: true, picks: 1 });
    expect((await call('PUT', `/api/v1/gallery/${images[3]}/pick`, 'bo')).body).toMatchObject({ picks: 1 });
    expect((await call('PUT', `/api/v1/gallery/${images[3]}/pick`, 'cy')).body).toMatchObject({ picks: 2 });
    const seen = (await call('GET', `/api/v1/boards/${board.id}`, 'bo')).body as unknown as Board;
    expect(seen.images![0]).toMatchObject({ picks: 2, picked: true });
    expect(((await call('GET', `/api/v1/boards/${board.id}`, 'ana')).body as unknown as Board).images![0]).toMatchObject({ picks: 2, picked: false });
    // The gallery's pages say the same of each image, and "my picks" narrows to mine.
    type Listed = { data: Array<{ id: string; picks: number; picked: boolean }> };
    const listed = (who: string, query = '') => call('GET', `/api/v1/gallery?inputs=show${query}`, who).then((r) => (r.body as unknown as Listed).data);
    expect((await listed('bo')).find((i) => i.id === images[3])).toMatchObject({ picks: 2, picked: true });
    expect((await listed('ana')).find((i) => i.id === images[3])).toMatchObject({ picks: 2, picked: false });
    expect((await listed('ana')).find((i) => i.id === images[0])).toMatchObject({ picks: 0, picked: false });
    expect((await listed('cy', '&picked=mine')).map((i) => i.id)).toEqual([images[3]]);
    expect(await listed('ana', '&picked=mine')).toEqual([]);
    expect((await call('DELETE', `/api/v1/gallery/${images[3]}/pick`, 'bo')).body).toMatchObject({ picked: false, picks: 1 });
  });

  test('comment text with <script> and javascript: is kept as text, in JSON; only its author edits it', async () => {
    const hostile = '<script>alert(1)</script> see javascript:alert(document.cookie) <img src=x onerror=alert(2)>';
    const made = await call('POST', `/api/v1/gallery/${images[4]}/comments`, 'bo', { body: hostile });
    expect(made.status).toBe(201);
    expect(made.type).toMatch(/^application\/json/);
    expect(made.body).toMatchObject({ body: hostile, author: 'bo' });
    const id = made.body.id as string;
    expect((await call('PATCH', `/api/v1/gallery/${images[4]}/comments/${id}`, 'ana', { body: 'not mine' })).status).toBe(403);
    expect((await call('DELETE', `/api/v1/gallery/${images[4]}/comments/${id}`, 'ana')).status).toBe(403);
    expect((await call('PATCH', `/api/v1/gallery/${images[4]}/comments/${id}`, 'bo', { body: 'second thoughts' })).body).toMatchObject({ body: 'second thoughts', edited_at: expect.any(String) });
    expect((await call('POST', `/api/v1/gallery/${images[4]}/comments`, 'bo', { body: 'x'.repeat(2001) })).body.error).toMatchObject({ param: 'body' });
    const listed = (await call('GET', `/api/v1/gallery/${images[4]}/comments`, 'cy')).body.data as Array<{ body: string }>;
    expect(listed.map((c) => c.body)).toEqual(['second thoughts']);
    expect((await call('DELETE', `/api/v1/gallery/${images[4]}/comments/${id}`, 'bo')).status).toBe(200);
    expect((await call('DELETE', `/api/v1/gallery/${images[4]}/comments/${id}`, 'bo')).status).toBe(404);
  });
});

describe('shared boards and zips', () => {
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const original = async (id: string) => new Uint8Array(await (await fetch(`${studio.url}/api/v1/gallery/${id}/image`, { headers: { 'x-user': 'ana' } })).arrayBuffer());
  const unzipped = async (response: Response) => {
    expect(response.headers.get('content-type')).toBe('application/zip');
    return unzipSync(new Uint8Array(await response.arrayBuffer()));
  };

  test('a link opens the board’s images in order while live; removed images and revoked links answer 404; the zip holds the originals', async () => {
    const board = (await call('POST', '/api/v1/boards', 'ana', { name: 'Hand-off', image_ids: images.slice(0, 3) })).body as unknown as Board;
    const share = (await call('POST', `/api/v1/boards/${board.id}/shares`, 'bo', { hide_prompt: true, expires_in_hours: 24 })).body as { token: string; url: string; board_id: string; allow_download: boolean };
    expect(share).toMatchObject({ board_id: board.id, allow_download: true });
    const open = (path: string) => fetch(`${studio.url}/s/${share.token}${path}`);
    for (const id of images.slice(0, 3)) {
      const res = await open(`/images/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(await original(id)));
      expect((await open(`/images/${id}?size=thumb`)).headers.get('content-type')).toBe('image/webp');
    }
    // Not on the board: as unknown as a guessed token.
    const notOnBoard = await open(`/images/${images[4]}`);
    const guessed = await fetch(`${studio.url}/s/${'A'.repeat(43)}/images/${images[0]}`);
    expect(notOnBoard.status).toBe(404);
    expect(await notOnBoard.json()).toEqual(await guessed.json());

    const files = await unzipped(await open('/zip'));
    const names = Object.keys(files).sort();
    expect(names).toEqual(['1-' + images[0]!.slice(4, 16) + '.png', '2-' + images[1]!.slice(4, 16) + '.png', '3-' + images[2]!.slice(4, 16) + '.png', 'manifest.json']);
    for (const [i, id] of images.slice(0, 3).entries()) expect(sha(files[names[i]!]!)).toBe(sha(await original(id)));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']!)) as { images: Array<Record<string, unknown>> };
    expect(manifest.images[0]).toMatchObject({ id: images[0], model: 'dall-e-2', creator: 'ana' });
    // The link hides prompts: so do the zip's names and manifest.
    expect(manifest.images[0]).not.toHaveProperty('prompt');

    // Off the board: unreachable through the link at once.
    await call('DELETE', `/api/v1/boards/${board.id}/images/${images[1]}`, 'ana');
    expect((await open(`/images/${images[1]}`)).status).toBe(404);
    // Revoked (by its maker; a third person may not): the page's bytes and the zip are gone.
    expect((await call('DELETE', `/api/v1/boards/${board.id}/shares/${share.token}`, 'cy')).status).toBe(403);
    expect((await call('DELETE', `/api/v1/boards/${board.id}/shares/${share.token}`, 'bo')).status).toBe(200);
    expect((await open(`/images/${images[0]}`)).status).toBe(404);
    expect((await open('/zip')).status).toBe(404);
  });

  test('a link may forbid the zip; signed in, a board and a selection download as zips of their originals', async () => {
    const board = (await call('POST', '/api/v1/boards', 'ana', { name: 'No download', image_ids: images.slice(0, 2) })).body as unknown as Board;
    const share = (await call('POST', `/api/v1/boards/${board.id}/shares`, 'ana', { allow_download: false })).body as { token: string };
    expect((await fetch(`${studio.url}/s/${share.token}/zip`)).status).toBe(404);
    expect((await fetch(`${studio.url}/s/${share.token}/images/${images[0]}`)).status).toBe(200);

    const boardZip = await unzipped(await fetch(`${studio.url}/api/v1/boards/${board.id}/zip`, { headers: { 'x-user': 'cy' } }));
    expect(Object.keys(boardZip)).toHaveLength(3);
    expect(Object.keys(boardZip)[0]).toMatch(/^1-board-image-\d\.png$/);
    const selection = await unzipped(await fetch(`${studio.url}/api/v1/gallery/zip?ids=${images[4]},${images[3]}`, { headers: { 'x-user': 'cy' } }));
    const names = Object.keys(selection).filter((n) => n !== 'manifest.json');
    expect(names.map((n) => n.slice(0, 2))).toEqual(['1-', '2-']);
    expect(sha(selection[names[0]!]!)).toBe(sha(await original(images[4]!)));
    expect((await fetch(`${studio.url}/api/v1/gallery/zip?ids=nope`, { headers: { 'x-user': 'cy' } })).status).toBe(400);
  });
});
