import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { chooseModel, openStudio, studioState } from './helpers';

/** To the gallery and Back, then a reload: `restored` checks the draft after each. */
async function leaveAndComeBack(page: Page, restored: () => Promise<void>) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await page.goBack();
  await restored();
  await page.reload();
  await restored();
}

/**
 * Nothing a person was composing is lost by leaving the page: Back from the gallery and a
 * reload bring the prompt, the model and the options back, and the feed its runs.
 */
test('Back from the gallery and a reload keep the composer’s draft', async ({ page }) => {
  await openStudio(page);
  await chooseModel(page, 'gpt-image-1');
  await page.getByLabel('Prompt').fill('a draft that survives the gallery');
  const quality = page.getByRole('radiogroup', { name: 'Quality' });
  await quality.getByRole('radio', { name: 'low' }).click();
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');
  const run = page.locator(`[data-testid="run-card"][data-run-id="${(await studioState(page)).runId}"]`);

  const restored = async () => {
    await page.waitForFunction(() => Boolean(window.__imageStudio));
    await expect(page.getByLabel('Prompt')).toHaveValue('a draft that survives the gallery');
    expect((await studioState(page)).modelId).toBe('gpt-image-1');
    await expect(quality.getByRole('radio', { name: 'low' })).toHaveAttribute('aria-checked', 'true');
    // And the feed: the run and its image are still there.
    await expect(run.getByTestId('result')).toHaveAttribute('data-state', 'final');
  };

  await leaveAndComeBack(page, restored);

  // A remix starts from its image instead, whatever the draft says.
  const made = await page.request.post('/api/v1/images/generations', { data: { model: 'gpt-image-1.5', prompt: 'the image being remixed', quality: 'low' } });
  const id = ((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
  await page.goto(`/?remix=${id}`);
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  await expect(page.getByLabel('Prompt')).toHaveValue('the image being remixed');
  expect((await studioState(page)).modelId).toBe('gpt-image-1.5');
});

test('the editor keeps its images, mask, model and prompt across Back and reload', async ({ page }) => {
  const { writeFileSync } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { default: sharp } = await import('sharp');
  const file = path.join(os.tmpdir(), `draft-source-${process.pid}.png`);
  writeFileSync(file, await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6a4c93' } }).png().toBuffer());
  const state = () => page.evaluate(() => window.__imageStudioEditor!.state());

  await page.goto('/edit');
  await page.getByTestId('file-input').setInputFiles(file);
  await expect.poll(async () => (await state()).view).not.toBeNull();
  await page.keyboard.press('r');
  const box = (await page.getByTestId('mask-stage').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2 - 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 4 });
  await page.mouse.up();
  await page.getByLabel('Model').selectOption('gpt-image-1');
  await page.getByLabel('Describe the new picture').fill('a draft edit that survives');
  const covered = await page.evaluate(async () => (await window.__imageStudioEditor!.maskCoverage()).covered);
  expect(covered).toBeGreaterThan(0);

  const restored = async () => {
    await expect.poll(async () => (await page.evaluate(() => window.__imageStudioEditor?.state().images)) ?? 0).toBe(1);
    expect((await state()).shapes).toBe(1);
    expect(await page.evaluate(async () => (await window.__imageStudioEditor!.maskCoverage()).covered)).toBe(covered);
    await expect(page.getByLabel('Model')).toHaveValue('gpt-image-1');
    await expect(page.getByLabel('Describe the new picture')).toHaveValue('a draft edit that survives');
  };
  await leaveAndComeBack(page, restored);
});
