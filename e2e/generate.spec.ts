import { expect, test } from './fixtures';
import { chooseModel, openStudio, simulatorStats, startedRun, studioState } from './helpers';

test.beforeEach(async ({ page }) => openStudio(page));

test('streams partial images that render in place, then the final image, then downloads it', async ({ page }) => {
  await chooseModel(page, 'gpt-image-1.5');
  await page.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: 'webp' }).click();
  // Partials 1.5 s apart: at the default 200 ms (and once even at 700 ms) a loaded CI
  // machine delivered the last partial and the final image so close together that the
  // partial was never painted before the final replaced it.
  await page.getByLabel('Prompt').fill('A lighthouse on a cliff at dusk sim:latency=1500');
  await expect(page.getByTestId('cost-estimate')).toContainText('$');
  await page.getByLabel('Prompt').press('Control+Enter');
  const run = await startedRun(page);
  await expect(run.getByTestId('run-status')).toContainText('Generating');

  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');
  const { renders } = await studioState(page);
  const finalAt = renders.findIndex((r) => r.kind === 'final');
  const partials = renders.slice(0, finalAt).filter((r) => r.kind === 'partial');
  expect(partials.map((r) => r.partialIndex)).toEqual([0, 1]);
  expect(new Set(partials.map((r) => r.digest)).size).toBe(2);
  expect(renders[finalAt]!.digest).not.toBe(partials[1]!.digest);

  const result = run.getByTestId('result');
  await expect(result).toHaveAttribute('data-state', 'final');
  // The image is described by its prompt.
  await expect(result.getByRole('img')).toHaveAttribute('alt', 'A lighthouse on a cliff at dusk sim:latency=1500, image 1');
  await expect(run.getByTestId('run-cost')).toHaveText(/^Cost \$\d/);
  const download = page.waitForEvent('download');
  await result.getByRole('link', { name: /Download \.webp/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.webp$/);
  await expect(result.getByTestId('edit-result')).toHaveAttribute('href', /^\/edit\?from=img_[0-9a-f]{32}$/);

  // Full size: a lightbox that fits the screen, zooms, and gives focus back when closed.
  await result.getByTestId('open-full-size').click();
  const lightbox = page.getByTestId('lightbox');
  await expect(lightbox).toBeVisible();
  const viewport = page.viewportSize()!;
  const fitted = (await lightbox.getByTestId('lightbox-image').boundingBox())!;
  expect(fitted.width).toBeLessThanOrEqual(viewport.width);
  expect(fitted.y + fitted.height).toBeLessThanOrEqual(viewport.height + 1);
  await page.keyboard.press('+');
  await expect(lightbox.getByTestId('lightbox-zoom')).toHaveText('150%');
  await expect.poll(async () => (await lightbox.getByTestId('lightbox-image').boundingBox())!.width).toBeGreaterThan(fitted.width * 1.3);
  await page.keyboard.press('0');
  await expect(lightbox.getByTestId('lightbox-zoom')).toHaveText('100%');
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);
  await expect(result.getByTestId('open-full-size')).toBeFocused();
});

test('cancel stops the stream and aborts the upstream request', async ({ page }) => {
  const before = await simulatorStats(page);
  await chooseModel(page, 'gpt-image-1');
  await page.getByLabel('Prompt').fill('A slow harbour sim:latency=2500');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).renders.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const run = await startedRun(page);
  await run.getByTestId('run-cancel').click();
  await expect(run.getByTestId('run-status')).toContainText('Cancelled');
  await expect(run).toHaveAttribute('data-status', 'cancelled');
  await expect.poll(async () => (await simulatorStats(page)).aborted, { timeout: 10_000 }).toBeGreaterThan(before.aborted);
  await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
});

test('closing the tab mid-run does not cancel: the run finishes, is kept, and is in the feed of a new page', async ({ page, context }) => {
  await page.getByLabel('Prompt').fill('A harbour nobody waits for sim:latency=600');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).renders.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const id = (await studioState(page)).runId!;
  await page.close();
  const next = await context.newPage();
  await openStudio(next);
  const card = next.locator(`[data-testid="run-card"][data-run-id="${id}"]`);
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  await expect(card.getByTestId('result')).toHaveAttribute('data-state', 'final');
  const galleryId = (await card.getByTestId('open-in-gallery').getAttribute('href'))!.split('/').pop()!;
  await next.goto(`/gallery/${galleryId}`);
  await expect(next.getByText('A harbour nobody waits for')).toBeVisible();
});

test('the Images API route still aborts upstream when its own client leaves mid-stream', async ({ page, context }) => {
  const before = await simulatorStats(page);
  // A direct SDK-style call from the page, not a run: leaving the page drops it.
  await page.evaluate(() => {
    void fetch('/api/v1/images/generations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-image-1', prompt: 'direct and abandoned sim:latency=2500', stream: true, partial_images: 2 }),
    }).then((r) => r.body!.getReader().read());
  });
  await expect.poll(async () => (await simulatorStats(page)).requests, { timeout: 10_000 }).toBeGreaterThan(before.requests);
  const watcher = await context.newPage();
  await page.close();
  await expect.poll(async () => (await simulatorStats(watcher)).aborted, { timeout: 10_000 }).toBeGreaterThan(before.aborted);
});

test('Escape cancels a running generation', async ({ page }) => {
  await page.getByLabel('Prompt').fill('Another slow one sim:latency=2500');
  await page.getByLabel('Prompt').press('Control+Enter');
  const run = await startedRun(page);
  await expect(run.getByTestId('run-status')).toContainText('Generating');
  await page.keyboard.press('Escape');
  await expect(run.getByTestId('run-status')).toContainText('Cancelled');
});

test('a refused prompt shows the refusal and what to do', async ({ page }) => {
  await page.getByLabel('Prompt').fill('Something the safety system refuses sim:refuse');
  await page.getByRole('button', { name: 'Generate' }).click();
  const alert = (await startedRun(page)).getByTestId('run-error');
  await expect(alert).toContainText('refused this prompt');
  await expect(alert).toContainText('Rephrase the prompt');
  await expect(alert).toContainText('moderation_blocked');
});

test('a rate limit says when to try again, and Run again counts down to it; a failed run leaves no empty tiles', async ({ page }) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/runs') && r.method() === 'POST') sent.push(r.method());
  });
  await page.getByLabel('Prompt').fill('Busy hour sim:429=2');
  await page.getByRole('button', { name: 'Generate' }).click();
  const run = await startedRun(page);
  await expect(run.getByTestId('run-error')).toContainText('Try again in 2 seconds');
  await expect(run.getByTestId('result')).toHaveCount(0);
  const again = run.getByTestId('run-again');
  await expect(again).toHaveText(/^Run again in [12] s$/);
  await expect(again).toBeDisabled();
  await expect(again).toHaveText('Run again', { timeout: 5_000 });
  await again.click();
  // The same request went again (and, with its directive, was limited again).
  await expect.poll(() => sent.length).toBe(2);
  await expect(page.getByTestId('run-card').first().getByTestId('run-again')).toHaveText(/^Run again in [12] s$/);
});

test('DALL·E 3 returns a revised prompt with the image', async ({ page }) => {
  await chooseModel(page, 'dall-e-3');
  await page.getByLabel('Prompt').fill('A white siamese cat');
  await page.getByRole('button', { name: 'Generate' }).click();
  const run = await startedRun(page);
  await expect(run.getByTestId('result')).toHaveAttribute('data-state', 'final', { timeout: 20_000 });
  await expect(run.getByText('Revised prompt:')).toBeVisible();
});

const outages: Array<[string, string, RegExp]> = [
  ['an upstream outage', 'A stormy sea sim:500', /image service had a problem and could not finish\. Try again in a moment/],
  ['a stream cut midway', 'A broken bridge sim:cut=1', /broke before the image was finished\. Try again/],
  ['a retired model', 'An old lighthouse sim:retired', /Choose another model/],
];
for (const [what, prompt, message] of outages) {
  test(`${what} is explained, with what to do`, async ({ page }) => {
    await page.getByLabel('Prompt').fill(prompt);
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect((await startedRun(page)).getByTestId('run-error')).toContainText(message);
    await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
  });
}
