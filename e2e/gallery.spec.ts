import { expect, test } from './fixtures';
import { openStudio, studioState, startedRun } from './helpers';

test('generate, find it in the gallery, share it with a stranger, revoke', async ({ page, browser }) => {
  const prompt = `Gallery walk ${Date.now()}`;
  await openStudio(page);
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByLabel('Prompt').press('Control+Enter');
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');

  // Find it in the gallery by searching for its prompt.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click();
  await page.getByLabel('Search prompts').fill(prompt);
  const grid = page.getByTestId('gallery-grid');
  await expect(grid.getByRole('listitem')).toHaveCount(1);
  await expect(page).toHaveURL(/\?q=Gallery/);
  await grid.getByRole('link', { name: prompt }).click();

  // The detail view: full image, prompt, options.
  await expect(page.getByTestId('detail-prompt')).toHaveText(prompt);
  await expect(page.getByTestId('detail-facts')).toContainText('gpt-image-1.5');
  await expect(page.getByTestId('detail-image')).toHaveJSProperty('complete', true);

  // Share with the prompt hidden.
  await page.getByLabel('Hide the prompt').check();
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = page.getByTestId('share-links').getByRole('listitem').first();
  await expect(link).toHaveAttribute('data-state', 'active');
  const url = await link.getByLabel('Share link').inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

  // A stranger: a fresh browser context, no cookies, no history.
  const stranger = await browser.newContext();
  const theirs = await stranger.newPage();
  await theirs.goto(url);
  await expect(theirs.getByTestId('shared-image')).toHaveJSProperty('naturalWidth', 1024);
  await expect(theirs.getByTestId('shared-prompt')).toHaveCount(0);
  // Nothing to follow but the download the link offers.
  await expect(theirs.getByRole('link')).toHaveCount(1);
  await expect(theirs.getByRole('link')).toHaveAttribute('href', /\/image\?download=1$/);
  const ogImage = await theirs.locator('meta[property="og:image"]').getAttribute('content');
  expect(ogImage).toBe(`${url}/image`);
  await expect(theirs.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  await expect(theirs.locator('meta[property="og:title"]')).toHaveAttribute('content', 'An image from Image Studio');

  // Revoke: page and bytes are gone for the stranger.
  await link.getByRole('button', { name: 'Revoke' }).click();
  await expect(link).toHaveAttribute('data-state', 'revoked');
  expect((await theirs.goto(url))?.status()).toBe(404);
  expect((await theirs.request.get(`${url}/image`)).status()).toBe(404);
  await stranger.close();
});

test('a shared prompt appears on the link page and in its title', async ({ page, browser }) => {
  const prompt = `Visible prompt ${Date.now()}`;
  await openStudio(page);
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');
  await (await startedRun(page)).getByTestId('open-in-gallery').click();
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.getByTestId('share-links').getByLabel('Share link').first().inputValue();
  const stranger = await browser.newContext();
  const theirs = await stranger.newPage();
  await theirs.goto(url);
  await expect(theirs.getByTestId('shared-prompt')).toHaveText(prompt);
  await expect(theirs).toHaveTitle(prompt);
  await stranger.close();
});

test('delete asks first, then removes the image', async ({ page }) => {
  const prompt = `Doomed ${Date.now()}`;
  await openStudio(page);
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');
  await (await startedRun(page)).getByTestId('open-in-gallery').click();
  const detail = page.url();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this image?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete image' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  expect((await page.goto(detail))?.status()).toBe(404);
});

test('remix loads the prompt and options back into the studio', async ({ page }) => {
  const prompt = `Remix me ${Date.now()}`;
  await openStudio(page);
  await page.locator('[data-model="dall-e-3"]').click();
  await page.getByRole('radiogroup', { name: 'Style' }).getByRole('radio', { name: 'natural' }).click();
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');
  await (await startedRun(page)).getByTestId('open-in-gallery').click();
  await page.getByRole('link', { name: 'Remix in studio' }).click();
  await expect(page.getByLabel('Prompt')).toHaveValue(prompt);
  await expect(page.locator('[data-model="dall-e-3"]')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('radiogroup', { name: 'Style' }).getByRole('radio', { name: 'natural' })).toHaveAttribute('aria-checked', 'true');
});
