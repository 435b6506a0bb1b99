import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import sharp from 'sharp';
import { sourceImage } from './helpers';

/** sourceImage's default size. */
const W = 768;
const H = 512;

/**
 * The painted edit's source is 1536×1024, a size GPT image models make: its edit comes
 * back at the same size (size auto picks the preset nearest the input's shape), so the
 * pixels outside the mask can be compared exactly.
 */
const EDIT = { width: 1536, height: 1024 };

const editor = (page: Page) => page.evaluate(() => window.__imageStudioEditor!.state());

async function loadImage(page: Page, size?: { width: number; height: number }) {
  await page.goto('/edit');
  await page.getByTestId('file-input').setInputFiles(await sourceImage(size));
  await expect.poll(async () => (await editor(page)).view).not.toBeNull();
}

async function paintAndEdit(page: Page, request: import('@playwright/test').APIRequestContext) {
  await loadImage(page, EDIT);
  const box = (await page.getByTestId('mask-stage').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await editor(page)).view!.zoom).not.toBeCloseTo(1, 1);
  const zoom = (await editor(page)).view!.zoom;
  expect(zoom).not.toBeCloseTo(1, 1);

  await page.keyboard.press('r');
  await page.mouse.move(centre.x - 80, centre.y - 60);
  await page.mouse.down();
  await page.mouse.move(centre.x + 60, centre.y + 40, { steps: 5 });
  await page.mouse.up();
  const painted = await page.evaluate(async () => {
    const c = await window.__imageStudioEditor!.maskCoverage();
    // The painted rectangle, read back in image pixels.
    let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
    for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) if (c.at(x, y)) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    return { covered: c.covered, x0, y0, x1, y1 };
  });
  // 140×100 screen pixels at this zoom, in image pixels.
  expect(painted.x1 - painted.x0 + 1).toBeCloseTo(140 / zoom, -1);
  expect(painted.y1 - painted.y0 + 1).toBeCloseTo(100 / zoom, -1);

  await page.getByLabel('Describe the new picture').fill('a glowing lantern');
  await page.getByRole('button', { name: 'Edit image' }).click();
  await expect.poll(async () => (await editor(page)).status, { timeout: 20_000 }).toBe('done');
  const renders = (await editor(page)).renders.map((r) => r.kind);
  expect(renders.filter((k) => k === 'partial').length).toBeGreaterThanOrEqual(2);

  const href = await page.getByTestId('open-in-gallery').getAttribute('href');
  const id = href!.split('/').pop();
  const result = await sharp(Buffer.from(await (await request.get(`/api/v1/gallery/${id}/image`)).body())).ensureAlpha().raw().toBuffer();
  const source = await sharp(await sourceImage(EDIT)).ensureAlpha().raw().toBuffer();
  expect(result.length).toBe(source.length);
  let changedOutside = 0;
  let changedInside = 0;
  for (let y = 0; y < EDIT.height; y++)
    for (let x = 0; x < EDIT.width; x++) {
      const i = (y * EDIT.width + x) * 4;
      const same = result[i] === source[i] && result[i + 1] === source[i + 1] && result[i + 2] === source[i + 2];
      const inside = x >= painted.x0 && x <= painted.x1 && y >= painted.y0 && y <= painted.y1;
      if (inside && !same) changedInside++;
      if (!inside && !same) changedOutside++;
    }
  expect(changedOutside).toBe(0);
  expect(changedInside / painted.covered).toBeGreaterThan(0.9);

  // The edit is kept with its source as parent.
  const detail = (await (await request.get(`/api/v1/gallery/${id}`)).json()) as { endpoint: string; parents: unknown[] };
  expect(detail.endpoint).toBe('edits');
  expect(detail.parents).toHaveLength(1);

  // The result goes back onto the canvas to go on editing it, with a clear mask.
  await page.getByTestId('use-as-input').first().click();
  await expect.poll(async () => (await editor(page)).shapes).toBe(0);
  await expect.poll(() => page.evaluate(async () => (await window.__imageStudioEditor!.maskCoverage()).covered)).toBe(0);
  expect((await editor(page)).images).toBe(1);
}

test('paint at a zoom other than 1, edit, and only the painted pixels change', async ({ page, request }) => paintAndEdit(page, request));

test.describe('on a screen with two device pixels per CSS pixel', () => {
  test.use({ deviceScaleFactor: 2 });
  test('the mask still lands exactly where it was painted', async ({ page, request }) => paintAndEdit(page, request));
});

test('variations of the loaded image, kept with it as parent', async ({ page, request }) => {
  await page.goto('/edit');
  const square = path.join(os.tmpdir(), `editor-square-${process.pid}.png`);
  writeFileSync(square, await sharp({ create: { width: 512, height: 512, channels: 3, background: '#aa3366' } }).png().toBuffer());
  await page.getByTestId('file-input').setInputFiles(square);
  await page.getByRole('button', { name: 'Make variations' }).click();
  await expect.poll(async () => (await editor(page)).status, { timeout: 20_000 }).toBe('done');
  await expect(page.getByTestId('result')).toHaveCount(2);
  const id = (await page.getByTestId('open-in-gallery').first().getAttribute('href'))!.split('/').pop();
  const detail = (await (await request.get(`/api/v1/gallery/${id}`)).json()) as { endpoint: string; parents: unknown[] };
  expect(detail.endpoint).toBe('variations');
  expect(detail.parents).toHaveLength(1);
});

test('a photo (JPEG, not square) sent to Make variations is offered the fix first, never refused', async ({ page }) => {
  await page.goto('/edit');
  const photo = path.join(os.tmpdir(), `editor-photo-${process.pid}.jpg`);
  writeFileSync(photo, await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a6f97' } }).jpeg().toBuffer());
  await page.getByTestId('file-input').setInputFiles(photo);
  await expect.poll(async () => (await editor(page)).images).toBe(1);
  const requests: string[] = [];
  page.on('request', (r) => {
    // Variations are sent as runs (multipart with endpoint=variations).
    if (r.url().endsWith('/api/v1/runs') && r.method() === 'POST') requests.push(r.url());
  });
  await page.getByRole('button', { name: 'Make variations' }).click();
  const fix = page.getByRole('status', { name: 'Image needs a fix' });
  await expect(fix).toContainText('DALL·E 2 variations cannot take this image as it is');
  await expect(fix).toContainText('1200×800, not square');
  await expect(fix).toContainText('JPEG, not PNG');
  expect(requests).toEqual([]);
  expect((await editor(page)).status).toBe('idle');
  await fix.getByRole('button', { name: 'Crop to square' }).click();
  await expect(fix).toHaveCount(0);
  await expect(page.getByText('800×800')).toBeVisible();
  await page.getByRole('button', { name: 'Make variations' }).click();
  await expect.poll(async () => (await editor(page)).status, { timeout: 20_000 }).toBe('done');
  await expect(page.getByTestId('result')).toHaveCount(2);
  expect(requests).toHaveLength(1);
});

test('undo, redo and invert behave, by buttons and by keyboard', async ({ page }) => {
  await loadImage(page);
  const box = (await page.getByTestId('mask-stage').boundingBox())!;
  const stroke = async (dx: number) => {
    await page.mouse.move(box.x + 200 + dx, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 260 + dx, box.y + 240, { steps: 4 });
    await page.mouse.up();
  };
  await stroke(0);
  await stroke(150);
  expect((await editor(page)).shapes).toBe(2);
  const covered = () => page.evaluate(async () => (await window.__imageStudioEditor!.maskCoverage()).covered);
  const both = await covered();

  await page.keyboard.press('Control+z');
  expect((await editor(page)).shapes).toBe(1);
  const one = await covered();
  expect(one).toBeLessThan(both);
  await page.keyboard.press('Control+Shift+z');
  expect((await editor(page)).shapes).toBe(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  expect(await covered()).toBe(both);

  await page.keyboard.press('i');
  expect((await editor(page)).inverted).toBe(true);
  expect(await covered()).toBe(W * H - both);
  await page.getByRole('button', { name: 'Invert' }).click();
  expect(await covered()).toBe(both);
  await page.keyboard.press(']');
  expect((await editor(page)).brushSize).toBe(60);
  await page.keyboard.press('e');
  expect((await editor(page)).tool).toBe('eraser');
});

test('edit options follow the model, and a wrong combination cannot be sent', async ({ page }) => {
  await loadImage(page);
  await page.getByLabel('Model').selectOption('gpt-image-1');
  await page.getByLabel('Describe the new picture').fill('x');
  await page.getByLabel('Format').selectOption('jpeg');
  await page.getByLabel('Background').selectOption('transparent');
  await expect(page.getByTestId('edit-error-background')).toContainText('png or webp');
  await expect(page.getByRole('button', { name: 'Edit image' })).toBeDisabled();
  await page.getByLabel('Format').selectOption('webp');
  await expect(page.getByRole('button', { name: 'Edit image' })).toBeEnabled();
  await expect(page.getByLabel('Input fidelity')).toBeVisible();
});

test('DALL·E 2 needs a square PNG: the editor offers crop or pad with a preview', async ({ page }) => {
  await loadImage(page);
  await page.getByLabel('Model').selectOption('dall-e-2');
  await page.getByLabel('Describe the new picture').fill('a hat');
  const fix = page.getByRole('status', { name: 'Image needs a fix' });
  await expect(fix).toContainText('768×512, not square');
  await expect(page.getByRole('button', { name: 'Edit image' })).toBeDisabled();
  await expect(fix.getByRole('img', { name: 'Padded to square' })).toBeVisible();
  await fix.getByRole('button', { name: 'Pad to square' }).click();
  await expect(fix).toHaveCount(0);
  await expect(page.getByText('768×768')).toBeVisible();
  await page.getByRole('button', { name: 'Edit image' }).click();
  await expect.poll(async () => (await editor(page)).status, { timeout: 20_000 }).toBe('done');
});

test('extend canvas pads the chosen sides and marks the new area for the model', async ({ page }) => {
  await loadImage(page);
  await page.getByText('Extend canvas').click();
  await page.getByLabel('Extend by').selectOption('0.25');
  await page.getByRole('button', { name: 'Extend', exact: true }).click();
  await expect(page.getByText('1152×512')).toBeVisible();
  const mask = await page.evaluate(async () => {
    const c = await window.__imageStudioEditor!.maskCoverage();
    return { width: c.width, left: c.at(10, 200), right: c.at(c.width - 10, 200), middle: c.at(576, 256), covered: c.covered };
  });
  expect(mask).toEqual({ width: 1152, left: true, right: true, middle: false, covered: 2 * 192 * 512 });
});

test('images load from the gallery, by drop and by paste', async ({ page }) => {
  // From the gallery: generate one, then Edit from its page.
  await page.goto('/');
  await page.getByLabel('Prompt').fill(`To edit ${Date.now()}`);
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.locator('[data-testid="run-card"]').first().getByTestId('open-in-gallery').click();
  await page.getByRole('link', { name: 'Edit this image' }).click();
  await expect(page).toHaveURL(/\/edit\?from=img_/);
  await expect.poll(async () => (await editor(page)).images).toBe(1);

  // By drop and by paste: a PNG made in the page, handed over as a user would.
  const hand = (kind: 'drop' | 'paste') =>
    page.evaluate(async (kind) => {
      const canvas = new OffscreenCanvas(64, 48);
      canvas.getContext('2d')!.fillRect(0, 0, 64, 48);
      const file = new File([await canvas.convertToBlob({ type: 'image/png' })], `${kind}.png`, { type: 'image/png' });
      const data = new DataTransfer();
      data.items.add(file);
      if (kind === 'drop') document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      else window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, kind);
  await hand('drop');
  await expect.poll(async () => (await editor(page)).images).toBe(2);
  await hand('paste');
  await expect.poll(async () => (await editor(page)).images).toBe(3);
});

test('pen and touch paint; two fingers pinch-zoom; space+drag pans', async ({ page }) => {
  await loadImage(page);
  const canvas = page.getByTestId('mask-stage').locator('canvas').last();
  const box = (await canvas.boundingBox())!;
  const pointer = (type: string, id: number, pointerType: string, x: number, y: number) =>
    canvas.dispatchEvent(type, { pointerId: id, pointerType, isPrimary: id === 1, clientX: box.x + x, clientY: box.y + y, bubbles: true, buttons: type === 'pointerup' ? 0 : 1, button: 0 });

  for (const [pointerType, y] of [['pen', 150], ['touch', 300]] as const) {
    const before = (await editor(page)).shapes;
    await pointer('pointerdown', 1, pointerType, 100, y);
    for (let x = 110; x <= 300; x += 10) await pointer('pointermove', 1, pointerType, x, y);
    await pointer('pointerup', 1, pointerType, 300, y);
    expect((await editor(page)).shapes, pointerType).toBe(before + 1);
  }

  const zoom = (await editor(page)).view!.zoom;
  await pointer('pointerdown', 1, 'touch', 300, 200);
  await pointer('pointerdown', 2, 'touch', 400, 200);
  await pointer('pointermove', 1, 'touch', 250, 200);
  await pointer('pointermove', 2, 'touch', 450, 200);
  await pointer('pointerup', 1, 'touch', 250, 200);
  await pointer('pointerup', 2, 'touch', 450, 200);
  expect((await editor(page)).view!.zoom).toBeCloseTo(zoom * 2, 5);
  expect((await editor(page)).shapes).toBe(2);

  const pan = (await editor(page)).view!;
  await page.keyboard.down('Space');
  await page.mouse.move(box.x + 200, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 260, box.y + 230, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Space');
  const after = (await editor(page)).view!;
  expect(after.panX - pan.panX).toBeCloseTo(60, 0);
  expect(after.panY - pan.panY).toBeCloseTo(30, 0);
  expect((await editor(page)).shapes).toBe(2);
});
