import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { chooseModel, openStudio, startedRun, studioState } from './helpers';

/** Makes one image in the studio with GPT Image 2.6 Flare in `format`, and returns its gallery id. */
async function make(page: Page, format: 'gif' | 'svg', prompt: string) {
  await openStudio(page);
  await chooseModel(page, 'gpt-image-2.6-flare');
  await page.locator('[data-param="output_format"] [data-value="' + format + '"]').click();
  if (format === 'gif') {
    await page.locator('[data-param="frame_count"] input').fill('3');
    // A GIF arrives finished: the streaming switch says why it is off.
    await expect(page.getByTestId('reason-stream')).toContainText('GIF output arrives finished');
  }
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByLabel('Prompt').press('Control+Enter');
  const card = await startedRun(page);
  await expect.poll(async () => (await studioState(page)).status, { timeout: 30_000 }).toBe('done');
  const href = await card.getByTestId('open-in-gallery').first().getAttribute('href');
  return { id: href!.split('/').pop()!, card };
}

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test('a GIF: made in the studio, animated with a pause control, in the gallery and on a share page, downloaded as .gif', async ({ page, browser }) => {
  const { id, card } = await make(page, 'gif', `A spinning top ${Date.now()}`);
  // In the studio's feed: the animation plays, and pauses on request.
  const player = card.getByTestId('gif-player').first();
  await expect(player).toHaveAttribute('data-paused', 'false');
  await player.getByTestId('gif-toggle').click();
  await expect(player).toHaveAttribute('data-paused', 'true');
  await expect(player.getByTestId('gif-still')).toBeVisible();

  await page.goto(`/gallery/${id}`);
  await expect(page.getByTestId('detail-image')).toHaveJSProperty('complete', true);
  const saved = await download(page, () => page.getByRole('link', { name: /Download \.gif/ }).click());
  expect(saved.name).toMatch(/\.gif$/);
  const meta = await sharp(saved.bytes, { animated: true }).metadata();
  expect([meta.format, meta.pages]).toEqual(['gif', 3]);

  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.getByTestId('share-links').getByLabel('Share link').first().inputValue();
  // A stranger who asks for reduced motion sees it paused until they press Play.
  const stranger = await browser.newContext({ reducedMotion: 'reduce' });
  const theirs = await stranger.newPage();
  await theirs.goto(url);
  await expect(theirs.getByTestId('shared-image')).toHaveJSProperty('complete', true);
  await expect(theirs.getByTestId('gif-player')).toHaveAttribute('data-paused', 'true');
  await theirs.getByTestId('gif-toggle').click();
  await expect(theirs.getByTestId('gif-player')).toHaveAttribute('data-paused', 'false');
  const theirCopy = await download(theirs, () => theirs.getByTestId('shared-download').click());
  expect(theirCopy.name).toMatch(/\.gif$/);
  expect(theirCopy.bytes.equals(saved.bytes)).toBe(true);

  // On a board, shared: its lightbox plays the GIF with the same control.
  const { id: board } = (await (await page.request.post('/api/v1/boards', { data: { name: `GIFs ${Date.now()}`, image_ids: [id] } })).json()) as { id: string };
  const boardLink = ((await (await page.request.post(`/api/v1/boards/${board}/shares`, { data: {} })).json()) as { url: string }).url;
  await theirs.goto(boardLink);
  await theirs.getByTestId('board-tile').first().click();
  await expect(theirs.getByTestId('lightbox-image')).toHaveJSProperty('complete', true);
  await expect(theirs.getByTestId('gif-player')).toHaveAttribute('data-paused', 'true');
  await stranger.close();
});

test('an SVG: made in the studio, shown as an image in the gallery and on a share page, downloaded as .svg', async ({ page, browser }) => {
  const { id, card } = await make(page, 'svg', `A flat lighthouse icon ${Date.now()}`);
  // In the feed as an image (a data: URL while it streams in, the gallery's copy after): never inline markup.
  const result = card.getByTestId('result').first().locator('img');
  await expect(result).toHaveJSProperty('complete', true);
  await expect(card.locator('svg image, [data-testid="result"] svg')).toHaveCount(0);
  expect(await result.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.goto(`/gallery/${id}`);
  await expect(page.getByTestId('detail-image')).toHaveJSProperty('complete', true);
  expect(await page.getByTestId('detail-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1024);
  const saved = await download(page, () => page.getByRole('link', { name: /Download \.svg/ }).click());
  expect(saved.name).toMatch(/\.svg$/);
  expect(saved.bytes.toString('utf8')).toMatch(/^<svg[\s>]/);

  // Edited further: the editor takes it as a PNG of its own size (the Images API takes no SVG input).
  await page.getByRole('link', { name: 'Edit this image' }).click();
  await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);
  expect(await page.evaluate(() => window.__imageStudioEditor!.state().images)).toBe(1);
  await expect(page.getByRole('img', { name: /\.png$/ })).toBeVisible();
  await page.goBack();

  // The gallery's grid shows its raster thumbnail.
  const thumb = await page.request.get(`/api/v1/gallery/${id}/thumbnail`);
  expect(thumb.headers()['content-type']).toBe('image/webp');

  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.getByTestId('share-links').getByLabel('Share link').first().inputValue();
  const stranger = await browser.newContext();
  const theirs = await stranger.newPage();
  await theirs.goto(url);
  await expect(theirs.getByTestId('shared-image')).toHaveJSProperty('complete', true);
  expect(await theirs.getByTestId('shared-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1024);
  const theirCopy = await download(theirs, () => theirs.getByTestId('shared-download').click());
  expect(theirCopy.name).toMatch(/\.svg$/);
  await stranger.close();
});

test('a hostile SVG from upstream runs no script and loads nothing, wherever it is shown or opened', async ({ page, browser }) => {
  const made = await page.request.post('/api/v1/images/generations', {
    data: { model: 'gpt-image-2.6-flare', prompt: 'an icon sim:hostile-svg', output_format: 'svg', quality: 'low' },
  });
  expect(made.status()).toBe(200);
  const id = ((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
  const link = ((await (await page.request.post(`/api/v1/gallery/${id}/shares`, { data: {} })).json()) as { url: string }).url;

  const stranger = await browser.newContext();
  const pages = [page, await stranger.newPage()];
  const reached: string[] = [];
  for (const p of pages) p.on('request', (r) => r.url().includes('evil.example') && reached.push(r.url()));
  // Shown by the pages (as images), and opened on its own as a document, signed in and by link.
  const visits: Array<[Page, string]> = [
    [pages[0]!, `/gallery/${id}`],
    [pages[0]!, `/api/v1/gallery/${id}/image`],
    [pages[1]!, link],
    [pages[1]!, `${link}/image`],
  ];
  for (const [p, url] of visits) {
    const response = await p.goto(url);
    expect(response?.status(), url).toBe(200);
    await p.waitForLoadState('load');
    // Everything a script or handler in it would have done: nothing.
    for (const el of await p.locator('svg, img').all()) await el.dispatchEvent('click').catch(() => {});
    expect(await p.evaluate(() => (window as unknown as { __hostile?: string }).__hostile ?? null), url).toBeNull();
  }
  expect(reached).toEqual([]);
  await stranger.close();
});
