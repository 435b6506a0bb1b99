import { expect, test } from './fixtures';
import OpenAI from 'openai';
import { studioState } from './helpers';
import { PORT, TEAM_PASSWORD, TEAM_URL } from './servers';

/**
 * The studio hosted for a team (password mode, a daily budget per person): sign in,
 * generate, find it under "Mine", script it with a personal token from the openai SDK,
 * revoke the token, and run into the budget.
 */
test.use({ baseURL: TEAM_URL });

test('sign in, generate, see it under Mine, use a token from the SDK, revoke it, hit the budget', async ({ page }) => {
  const name = `Designer ${Date.now()}`;
  const prompt = `Team lighthouse ${Date.now()}`;

  // Every page needs a user: the gallery sends us to sign in, and back afterwards.
  await page.goto('/gallery');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fgallery$/);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Team password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'password' })).toHaveText('That is not the team password.');
  await page.getByLabel('Team password').fill(TEAM_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(name);
  await expect(page.getByTestId('open-mode-badge')).toHaveCount(0);

  // Generate in the studio; the cost is estimated before sending.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studio' }).click();
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  await expect(page.getByTestId('simulator-badge')).toHaveText('Simulator: no API key set');
  await expect(page.getByTestId('cost-estimate')).toContainText(/Estimated \$0\.\d+/);
  await expect(page.getByTestId('budget-left')).toHaveText("$0.500 left of today's budget");
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByLabel('Prompt').press('Control+Enter');
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');

  // "Mine" in the gallery shows it, with my name and both costs on its page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click();
  await page.getByRole('button', { name: 'Mine' }).click();
  await expect(page).toHaveURL(/mine=true/);
  const grid = page.getByTestId('gallery-grid');
  await expect(grid.getByRole('listitem')).toHaveCount(1);
  await grid.getByRole('link', { name: prompt }).click();
  await expect(page.getByTestId('detail-facts')).toContainText(name);
  await expect(page.getByTestId('cost-estimated')).toHaveText(/^\$0\.\d+$/);
  await expect(page.getByTestId('cost-actual')).toHaveText(/^\$0\.\d+ \(from usage\)$/);

  // A personal token, shown once, used from the official SDK.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Token name').fill('e2e script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token-value').textContent())!;
  expect(token).toMatch(/^isk_/);
  const sdk = new OpenAI({ apiKey: token, baseURL: `${TEAM_URL}/api/v1`, maxRetries: 0 });
  const made = await sdk.images.generate({ model: 'gpt-image-1.5', prompt: 'made by a script', quality: 'low' });
  const id = (made.data![0] as unknown as { gallery_id: string }).gallery_id;
  await page.goto(`/gallery/${id}`);
  await expect(page.getByTestId('detail-facts')).toContainText(name);

  // Revoked: the same script is refused.
  await page.goto('/settings');
  await expect(page.getByTestId('token-row')).toContainText('e2e script');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke e2e script' }).click();
  await expect(page.getByTestId('token-row')).toContainText('revoked');
  await expect(sdk.images.generate({ model: 'gpt-image-1.5', prompt: 'after revoking', quality: 'low' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

  // Four more at high cost would pass the $0.50 daily budget: refused, saying which and when.
  await page.goto('/');
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  await page.getByRole('spinbutton', { name: 'Images' }).fill('4');
  await expect(page.getByTestId('budget-left')).toContainText(/More than the \$0\.\d+ left of today's budget: it would be refused/);
  await page.getByLabel('Prompt').fill('Four expensive lighthouses');
  await page.getByRole('button', { name: 'Generate' }).click();
  const alert = page.getByTestId('feed').getByTestId('run-error').first();
  await expect(alert).toContainText('This would pass your daily budget of $0.50');
  await expect(alert).toContainText('resets at midnight UTC');

  // The spend page charts it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spend' }).click();
  await expect(page.getByTestId('spend-chart').locator(`rect[data-person="${name}"]`)).toHaveCount(1);
  await expect(page.getByTestId('spend-row').filter({ hasText: name })).toContainText('2');

  // Signing out closes every page again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
});

test('open mode says so on every page', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/gallery`);
  await expect(page.getByTestId('open-mode-badge')).toHaveText('Open mode · no sign-in');
});
