import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { sourceImage } from './helpers';
import { SIM_URL } from './servers';

/** Not square, and not a size any model makes: the layer must follow the image, not a preset. */
const IMAGE = { width: 900, height: 500 };
const BLUE = [0x3b, 0x82, 0xf6];

const editor = (page: Page) => page.evaluate(() => window.__imageStudioEditor!.state());

/** Decoded RGBA of a PNG, with its size. */
async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, at: (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)] };
}

test('markup drawn at a zoom other than 1 on a non-square image reaches the model pixel for pixel', async ({ page, request }) => {
  await page.goto('/edit');
  await page.getByTestId('file-input').setInputFiles(await sourceImage(IMAGE));
  await expect.poll(async () => (await editor(page)).view).not.toBeNull();
  await page.getByLabel('Model').selectOption('gpt-image-2.6-sunburst');

  // Zoom in about the stage's centre.
  const box = (await page.getByTestId('mask-stage').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const fitted = (await editor(page)).view!.zoom;
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -250);
  await expect.poll(async () => (await editor(page)).view!.zoom).toBeGreaterThan(fitted * 1.2);
  const { view } = await editor(page);
  expect(view!.zoom).not.toBeCloseTo(1, 1);
  const toImage = (x: number, y: number) => ({ x: (x - box.x - view!.panX) / view!.zoom, y: (y - box.y - view!.panY) / view!.zoom });

  // The Markup layer (M), its box tool (U), blue, a 6 px stroke.
  await page.keyboard.press('m');
  await expect.poll(async () => (await editor(page)).layer).toBe('markup');
  await expect(page.getByText(/Markup guides GPT Image 2.5 and 2.6/)).toBeVisible();
  await page.getByRole('radio', { name: 'Blue' }).click();
  await page.getByLabel('Stroke width ([ and ])').fill('6');
  // Tool keys are the canvas's (a focused slider keeps its own keys).
  await page.getByTestId('mask-stage').focus();
  await page.keyboard.press('u');
  const a = { x: centre.x - 90, y: centre.y - 50 };
  const b = { x: centre.x + 70, y: centre.y + 60 };
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
  // An arrow (A) pointing at the box, and a note (T).
  await page.keyboard.press('a');
  await page.mouse.move(centre.x - 200, centre.y + 120);
  await page.mouse.down();
  await page.mouse.move(centre.x - 100, centre.y + 40, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.press('t');
  await page.mouse.click(centre.x - 220, centre.y - 140);
  await page.getByTestId('note-input').fill('make this red');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await editor(page)).marks).toBe(3);

  // Undo and redo step through marks.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await editor(page)).marks).toBe(2);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await editor(page)).marks).toBe(3);

  // The layer as it will be uploaded: exactly the image's size, the box where it was drawn.
  const exported = Buffer.from((await page.evaluate(() => window.__imageStudioEditor!.markupPng()))!, 'base64');
  const layer = await rgba(exported);
  expect([layer.width, layer.height]).toEqual([IMAGE.width, IMAGE.height]);
  const p = toImage(a.x, a.y);
  const q = toImage(b.x, b.y);
  const midY = Math.round((p.y + q.y) / 2);
  // On the box's left edge: opaque blue. Half a stroke inside it and in its middle: nothing.
  const edge = layer.at(Math.round(p.x), midY);
  expect(edge[3]).toBe(255);
  expect(edge.slice(0, 3)).toEqual(BLUE);
  expect(layer.at(Math.round(p.x) + 8, midY)[3]).toBe(0);
  expect(layer.at(Math.round((p.x + q.x) / 2), midY)[3]).toBe(0);
  // The box's right edge is where the drag ended, at this zoom.
  expect(layer.at(Math.round(q.x), midY)[3]).toBe(255);
  expect(layer.at(Math.round(q.x) + 6, midY)[3]).toBe(0);

  // A mask as well: the form explains they do not combine and will not send both.
  await page.keyboard.press('m');
  await page.keyboard.press('r');
  await page.mouse.move(centre.x + 100, centre.y + 80);
  await page.mouse.down();
  await page.mouse.move(centre.x + 140, centre.y + 110, { steps: 3 });
  await page.mouse.up();
  await page.getByLabel('Describe the new picture').fill('paint the framed part red');
  const notice = page.getByTestId('markup-notice');
  await expect(notice).toContainText('Markup and a mask cannot be sent together');
  await expect(page.getByRole('button', { name: 'Edit image' })).toBeDisabled();
  await notice.getByRole('button', { name: 'Clear the mask' }).click();
  await expect(notice).toHaveCount(0);
  expect((await editor(page)).marks).toBe(3);

  // Sent: the layer the simulator received is the one the editor drew, pixel for pixel.
  await page.getByRole('button', { name: 'Edit image' }).click();
  await expect.poll(async () => (await editor(page)).status, { timeout: 30_000 }).toBe('done');
  const received = await rgba(Buffer.from(await (await request.get(`${SIM_URL}/v1/__simulator/last-markup`)).body()));
  expect([received.width, received.height]).toEqual([IMAGE.width, IMAGE.height]);
  expect(received.data.equals(layer.data)).toBe(true);

  // The gallery keeps the layer with the edit and shows it over the source.
  const id = (await page.getByTestId('open-in-gallery').first().getAttribute('href'))!.split('/').pop();
  const detail = (await (await request.get(`/api/v1/gallery/${id}`)).json()) as { markup_id: string | null; parent_ids: string[] };
  expect(detail.markup_id).toBeTruthy();
  const kept = await rgba(Buffer.from(await (await request.get(`/api/v1/gallery/${detail.markup_id}/image`)).body()));
  expect(kept.data.equals(layer.data)).toBe(true);
  await page.goto(`/gallery/${id}`);
  const overlay = page.getByTestId('markup-over-source');
  await expect(overlay).toBeVisible();
  await expect(overlay.getByTestId('markup-layer')).toHaveAttribute('src', `/api/v1/gallery/${detail.markup_id}/image`);
  await expect(overlay.locator('img').first()).toHaveAttribute('src', `/api/v1/gallery/${detail.parent_ids[0]}/image`);
});

test('a model that takes no markup says so, and keyboard markup draws between two crosshair points', async ({ page }) => {
  await page.goto('/edit');
  await page.getByTestId('file-input').setInputFiles(await sourceImage(IMAGE));
  await expect.poll(async () => (await editor(page)).view).not.toBeNull();
  await page.getByLabel('Model').selectOption('gpt-image-1.5');
  await page.getByRole('radio', { name: 'Markup' }).click();
  await page.keyboard.press('a');
  const canvas = page.getByTestId('mask-stage');
  await canvas.focus();
  await page.keyboard.press('Enter'); // the crosshair appears
  await page.keyboard.press('Enter'); // first point
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter'); // the arrow
  await expect.poll(async () => (await editor(page)).marks).toBe(1);
  await expect(page.getByTestId('editor-announcer')).toContainText('Markup: 1 mark.');
  await expect(page.getByTestId('markup-notice')).toContainText('GPT Image 1.5 does not take markup');
  await page.getByLabel('Describe the new picture').fill('anything');
  await expect(page.getByRole('button', { name: 'Edit image' })).toBeDisabled();
  await page.getByLabel('Model').selectOption('gpt-image-2.5-flare');
  await expect(page.getByTestId('markup-notice')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit image' })).toBeEnabled();
});
