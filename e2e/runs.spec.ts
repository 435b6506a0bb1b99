import { expect, test } from './fixtures';
import { chooseModel, openStudio, startedRun, studioState } from './helpers';

/**
 * Runs belong to the server: reloading, closing or leaving the page leaves them
 * running; another browser of the same person sees them live; compare and batch send
 * several at once; the header counts them on every page.
 */
test.beforeEach(async ({ page }) => openStudio(page));

test('reload mid-run: the same run goes on, its latest partial image shown again at once', async ({ page }) => {
  await chooseModel(page, 'gpt-image-1');
  // Slow enough that a reload on a loaded machine still lands before the final image.
  await page.getByLabel('Prompt').fill('A reloaded harbour sim:latency=4000');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).renders.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const id = (await studioState(page)).runId!;
  await page.reload();
  const card = page.locator(`[data-testid="run-card"][data-run-id="${id}"]`);
  await expect(card.getByTestId('result')).toHaveAttribute('data-state', 'partial', { timeout: 5_000 });
  await expect(card).toHaveAttribute('data-status', 'running');
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(card.getByTestId('result')).toHaveAttribute('data-state', 'final');
});

test('a second browser of the same person sees the run live, and can cancel it', async ({ page, browser, baseURL }) => {
  await page.getByLabel('Prompt').fill('Watched from another browser sim:latency=3000');
  await page.getByRole('button', { name: 'Generate' }).click();
  const run = await startedRun(page);
  const id = (await run.getAttribute('data-run-id'))!;
  const other = await browser.newContext({ baseURL });
  try {
    const second = await other.newPage();
    await openStudio(second);
    const there = second.locator(`[data-testid="run-card"][data-run-id="${id}"]`);
    await expect(there.getByTestId('result')).toHaveAttribute('data-state', 'partial', { timeout: 10_000 });
    await there.getByTestId('run-cancel').click();
    await expect(there).toHaveAttribute('data-status', 'cancelled');
    // The first browser hears it too.
    await expect(run).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });
  } finally {
    await other.close();
  }
});

test('compare: one prompt to three models, side by side, each with its time and cost', async ({ page }) => {
  await page.getByLabel('Prompt').fill('A red fox in snow');
  await page.getByRole('radio', { name: 'Compare' }).click();
  await page.getByLabel('Compare DALL·E 2', { exact: true }).check();
  await page.getByLabel('Compare DALL·E 3', { exact: true }).check();
  await expect(page.getByTestId('cost-estimate')).toContainText('$');
  await page.getByRole('button', { name: 'Compare 3' }).click();
  const group = page.getByTestId('run-group-compare').first();
  await expect(group.getByTestId('run-card')).toHaveCount(3);
  await expect(group.getByTestId('group-progress')).toHaveText('3 of 3 done', { timeout: 30_000 });
  for (const card of await group.getByTestId('run-card').all()) {
    await expect(card.getByTestId('run-status')).toContainText(/Done in \d+\.\d s/);
    await expect(card.getByTestId('run-cost')).toHaveText(/^Cost \$\d/);
  }
  // In the order chosen: the composer's model, then DALL·E 2, then DALL·E 3.
  await expect(group.getByTestId('run-card').nth(2)).toContainText('DALL·E 3');
  // The group survives a reload.
  await page.reload();
  await expect(page.getByTestId('run-group-compare').first().getByTestId('run-card')).toHaveCount(3);
  // Remix puts a run back into the composer.
  await page.getByTestId('run-group-compare').first().getByTestId('run-card').nth(2).getByTestId('run-remix').click();
  await expect.poll(async () => (await studioState(page)).modelId).toBe('dall-e-3');
});

test('batch: five prompts with one model, estimated as a whole, shown as a group with progress', async ({ page }) => {
  await chooseModel(page, 'gpt-image-1-mini');
  await page.getByRole('radio', { name: 'Batch' }).click();
  await page.getByLabel('Prompts, one a line').fill('a fox\na hen\na crow\na bee\na cat sim:latency=800');
  await expect(page.getByTestId('batch-count')).toContainText('5 of at most 50');
  await page.getByRole('button', { name: 'Run 5 prompts' }).click();
  const group = page.getByTestId('run-group-batch').first();
  await expect(group.getByTestId('run-card')).toHaveCount(5);
  await expect(group.getByTestId('group-progress')).toHaveText(/^[0-4] of 5 done$/);
  await expect(group.getByTestId('group-progress')).toHaveText('5 of 5 done', { timeout: 30_000 });
  await expect(group.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '5');
});

test('the header counts your running runs on every page', async ({ page }) => {
  // Long enough to be running still when the gallery's header looks (a loaded CI machine is slow to get there).
  await page.getByLabel('Prompt').fill('Counted in the header sim:latency=3000');
  await page.getByRole('button', { name: 'Generate' }).click();
  const run = await startedRun(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click();
  // On the gallery (Back before it has loaded would leave the site), the header counts it.
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole('heading', { name: 'Gallery' })).toBeVisible();
  await expect(page.getByTestId('runs-indicator')).toContainText(/[1-9]\d* running/);
  await page.goBack();
  await expect(run).toHaveAttribute('data-status', 'running');
  // The tab goes to the background: when the run ends, its title says so, until it is back.
  const title = await page.title();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  // (Every test here is the same person, so runs of the test alongside may count too.)
  await expect(page).toHaveTitle(/^✓ \d+ finished · /, { timeout: 20_000 });
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page).toHaveTitle(title);
  await expect(run).toHaveAttribute('data-status', 'completed');
});
