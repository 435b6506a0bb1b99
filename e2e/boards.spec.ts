import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { expect, test } from './fixtures';

/**
 * Boards in Chromium: made from a gallery selection, reordered by keyboard and by
 * dragging, picked and commented, shared with someone who has no account (lightbox,
 * zip of the originals), revoked; and the gallery's Show inputs filter.
 */
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a board from a five-image selection: reorder, pick, comment, share, download, revoke', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const tag = `boardtest${Date.now()}`;
  const ids: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const made = await page.request.post('/api/v1/images/generations', { data: { model: 'dall-e-2', prompt: `${tag} fox ${i}`, size: '256x256' } });
    ids.push(((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id);
  }
  // Newest first in the gallery: fox 5 … fox 1.
  await page.goto(`/gallery?q=${tag}`);
  const boxes = page.getByTestId('select-image');
  await expect(boxes).toHaveCount(5);
  await boxes.first().click();
  await boxes.last().click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('5 selected');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await page.getByRole('heading', { name: 'Gallery' }).click();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText('5 selected');
  const bar = page.getByTestId('selection-bar');
  await bar.getByLabel('Board', { exact: true }).selectOption('new');
  await bar.getByLabel('New board’s name').fill(`Review ${tag}`);
  await bar.getByRole('button', { name: 'Add' }).click();
  await bar.getByRole('link', { name: 'Open the board' }).click();
  await expect(page.getByTestId('board-name')).toHaveText(`Review ${tag}`);

  const order = async () => page.getByTestId('board-tile').evaluateAll((tiles) => tiles.map((t) => t.querySelector('span')?.textContent ?? ''));
  await expect.poll(order).toEqual([5, 4, 3, 2, 1].map((n) => `${tag} fox ${n}`));
  // By keyboard: fox 5 one later.
  await page.getByTestId('board-open').first().focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(order).toEqual([4, 5, 3, 2, 1].map((n) => `${tag} fox ${n}`));
  await expect(page.getByTestId('board-open').nth(1)).toBeFocused();
  // By dragging: fox 1 (last) onto the first place.
  await page.getByTestId('board-tile').last().dragTo(page.getByTestId('board-tile').first());
  await expect.poll(order).toEqual([1, 4, 5, 3, 2].map((n) => `${tag} fox ${n}`));
  // The order is kept.
  await page.reload();
  await expect.poll(order).toEqual([1, 4, 5, 3, 2].map((n) => `${tag} fox ${n}`));

  // Pick one; the count shows.
  const first = page.getByTestId('board-tile').first();
  await first.getByTestId('pick').click();
  await expect(first.getByTestId('pick')).toHaveAttribute('aria-pressed', 'true');
  await expect(first.getByTestId('pick-count')).toHaveText('1');
  // "My picks" narrows the board to it.
  await page.getByRole('button', { name: '★ My picks' }).click();
  await expect(page.getByTestId('board-tile')).toHaveCount(1);
  await page.getByRole('button', { name: '★ My picks' }).click();
  await expect(page.getByTestId('board-tile')).toHaveCount(5);

  // A comment with markup in it is shown as text.
  await first.getByTestId('comment-count').click();
  const hostile = '<b>bold?</b> <script>window.__pwned = 1</script> javascript:alert(1)';
  await page.getByLabel('Add a comment').fill(hostile);
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(page.getByTestId('comment-body')).toHaveText(hostile);
  await expect(page.getByTestId('comment-body').locator('b, script, a')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.goBack();
  await expect(page.getByTestId('board-tile').first().getByTestId('comment-count')).toContainText('1');
  // The board's lightbox shows the comments beside the image.
  await page.getByTestId('board-open').first().click();
  await expect(page.getByTestId('lightbox').getByTestId('comment-body')).toHaveText(hostile);
  await page.keyboard.press('Escape');

  // Share it, prompts hidden, and open the link with no account.
  await page.getByRole('checkbox', { name: 'Hide the prompts' }).check();
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.getByTestId('share-links').getByLabel('Share link').first().inputValue();
  const stranger = await (await browser.newContext({ baseURL })).newPage();
  await stranger.goto(url);
  await expect(stranger.getByRole('heading', { name: `Review ${tag}` })).toBeVisible();
  await expect(stranger.getByTestId('board-tile')).toHaveCount(5);
  await expect(stranger.getByText(`${tag} fox`)).toHaveCount(0);
  await expect(stranger.getByRole('link', { name: 'Studio' })).toHaveCount(0);
  // The lightbox steps through the board with the arrow keys.
  await stranger.getByTestId('board-tile').first().click();
  await expect(stranger.getByTestId('lightbox')).toBeVisible();
  const src = () => stranger.getByTestId('lightbox-image').getAttribute('src');
  const firstSrc = await src();
  await stranger.keyboard.press('ArrowRight');
  await expect.poll(src).not.toBe(firstSrc);
  await stranger.keyboard.press('Escape');
  // The zip holds the originals, in the board's order.
  const download = stranger.waitForEvent('download');
  await stranger.getByTestId('shared-zip').click();
  const { readFile } = await import('node:fs/promises');
  const zip = unzipSync(new Uint8Array(await readFile((await (await download).path())!)));
  const entries = Object.keys(zip).filter((n) => n !== 'manifest.json').sort();
  expect(entries).toHaveLength(5);
  const expectedOrder = [1, 4, 5, 3, 2].map((n) => ids[n - 1]!);
  for (const [i, id] of expectedOrder.entries()) {
    const original = new Uint8Array(await (await page.request.get(`/api/v1/gallery/${id}/image`)).body());
    expect(sha(zip[entries[i]!]!), entries[i]).toBe(sha(original));
  }

  // Revoked: the page and its images are gone for the stranger.
  await page.getByTestId('share-links').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-links').locator('li').first()).toHaveAttribute('data-state', 'revoked');
  expect((await stranger.goto(url))!.status()).toBe(404);
  expect((await stranger.request.get(`${url}/images/${ids[0]}`)).status()).toBe(404);
  await stranger.context().close();
});

test('dragging a gallery tile onto a board in the sidebar adds it', async ({ page }) => {
  const tag = `droptest${Date.now()}`;
  const made = await page.request.post('/api/v1/images/generations', { data: { model: 'dall-e-2', prompt: `${tag} heron`, size: '256x256' } });
  const id = ((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
  const board = (await (await page.request.post('/api/v1/boards', { data: { name: `Drop ${tag}` } })).json()) as { id: string };
  await page.goto(`/gallery?q=${tag}`);
  const target = page.locator(`[data-testid="board-drop"][data-board="${board.id}"]`);
  await page.getByTestId('gallery-grid').getByRole('link').first().dragTo(target);
  await expect(page.getByTestId('drop-status')).toHaveText(`1 image added to Drop ${tag}.`);
  const read = (await (await page.request.get(`/api/v1/boards/${board.id}`)).json()) as { images: Array<{ image_id: string }> };
  expect(read.images.map((i) => i.image_id)).toEqual([id]);
});

test('the inputs of edits are hidden from the gallery unless shown', async ({ page }) => {
  const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: Date.now() % 255, g: 90, b: 160, alpha: 1 } } }).png().toBuffer();
  const made = await page.request.post('/api/v1/images/variations', { multipart: { model: 'dall-e-2', size: '256x256', image: { name: 'input.png', mimeType: 'image/png', buffer: png } } });
  expect(made.status()).toBe(200);
  const result = (await made.json()) as { data: Array<{ gallery_id: string }> };
  const detail = (await (await page.request.get(`/api/v1/gallery/${result.data[0]!.gallery_id}`)).json()) as { parent_ids: string[] };
  const input = detail.parent_ids[0]!;
  await page.goto('/gallery');
  await expect(page.locator(`a[href="/gallery/${result.data[0]!.gallery_id}"]`)).toBeVisible();
  await expect(page.locator(`a[href="/gallery/${input}"]`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Show inputs' }).click();
  await expect(page.locator(`a[href="/gallery/${input}"]`)).toBeVisible();
  await expect(page).toHaveURL(/inputs=show/);
});

test('gallery tiles show their picks; a selection is shared as a board in one step', async ({ page }) => {
  const tag = `sharesel${Date.now()}`;
  for (let i = 1; i <= 2; i++) await page.request.post('/api/v1/images/generations', { data: { model: 'dall-e-2', prompt: `${tag} owl ${i}`, size: '256x256' } });
  await page.goto(`/gallery?q=${tag}`);
  const tiles = page.getByTestId('gallery-grid').locator('li');
  await expect(tiles).toHaveCount(2);
  // Picked from its tile: the star fills, the count shows, and "My picks" finds it.
  await tiles.first().getByTestId('pick').click();
  await expect(tiles.first().getByTestId('pick')).toHaveAttribute('aria-pressed', 'true');
  await expect(tiles.first().getByTestId('pick-count')).toHaveText('1');
  await page.getByRole('button', { name: '★ My picks' }).click();
  await expect(tiles).toHaveCount(1);
  await page.reload();
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first().getByTestId('pick-count')).toHaveText('1');
  await page.getByRole('button', { name: '★ My picks' }).click();
  await expect(tiles).toHaveCount(2);

  // Share…: a board of the selection, opened at its share panel, ready for the link's choices.
  await page.getByRole('heading', { name: 'Gallery' }).click();
  await page.keyboard.press('Control+a');
  page.once('dialog', (dialog) => void dialog.accept(`Shared ${tag}`));
  await page.getByTestId('selection-share').click();
  await expect(page.getByTestId('board-name')).toHaveText(`Shared ${tag}`);
  await expect(page).toHaveURL(/\/boards\/brd_[0-9a-f]+#share$/);
  await expect(page.getByLabel('Expires')).toBeFocused();
  await expect(page.getByTestId('board-tile')).toHaveCount(2);
  await page.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByTestId('share-links').getByLabel('Share link').first()).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
});
