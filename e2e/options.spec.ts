import { expect, test } from './fixtures';
import { chooseModel, openStudio } from './helpers';

test.beforeEach(async ({ page }) => openStudio(page));

test('an invalid combination is explained beside the control and cannot be sent', async ({ page }) => {
  await chooseModel(page, 'gpt-image-1');
  await page.getByLabel('Prompt').fill('A sticker of a fox');
  const generate = page.getByRole('button', { name: 'Generate' });
  await expect(generate).toBeEnabled();

  await page.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: 'jpeg' }).click();
  await page.getByRole('radiogroup', { name: 'Background' }).getByRole('radio', { name: 'transparent' }).click();
  await expect(page.getByTestId('error-background')).toHaveText('A transparent background needs png or webp output; JPEG has no transparency.');
  await expect(generate).toBeDisabled();
  await page.getByRole('radiogroup', { name: 'Format' }).getByRole('radio', { name: 'png' }).click();
  await expect(page.getByTestId('error-background')).toHaveCount(0);
  await expect(generate).toBeEnabled();
});

test('gpt-image-2 takes a custom size only within its rule', async ({ page }) => {
  await chooseModel(page, 'gpt-image-2');
  await page.getByLabel('Prompt').fill('A wide valley');
  await page.getByRole('radiogroup', { name: 'Size' }).getByRole('radio', { name: 'Custom' }).click();
  await page.getByLabel('Width').fill('1000');
  await page.getByLabel('Height').fill('1000');
  await expect(page.getByTestId('error-size')).toContainText('multiples of 16');
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled();
  await page.getByLabel('Width').fill('1536');
  await page.getByLabel('Height').fill('864');
  await expect(page.getByTestId('error-size')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
});

test('a prompt longer than the model allows is flagged before sending', async ({ page }) => {
  await chooseModel(page, 'dall-e-2');
  await page.getByLabel('Prompt').fill('x'.repeat(1001));
  await expect(page.getByTestId('error-prompt')).toContainText('DALL·E 2 accepts at most 1,000');
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled();
});

test("options the model lacks are disabled with the reason; the model's own are live", async ({ page }) => {
  await chooseModel(page, 'gpt-image-1');
  await expect(page.getByTestId('reason-style')).toHaveText('GPT Image 1 has no style setting; DALL·E 3 does.');
  await chooseModel(page, 'dall-e-3');
  await expect(page.getByTestId('reason-style')).toHaveCount(0);
  await expect(page.getByRole('radiogroup', { name: 'Style' })).toBeVisible();
  await expect(page.getByTestId('reason-background')).toHaveText('DALL·E 3 has no background setting; GPT image models do.');
  await expect(page.getByText('Always 1 for this model.')).toBeVisible();
  await expect(page.getByTestId('reason-stream')).toContainText('finished images only');
});

test('the upstream is labelled and the theme switches and persists', async ({ page }) => {
  await expect(page.getByText('Gateway', { exact: true })).toBeVisible();
  await page.getByRole('radio', { name: 'dark' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByRole('radio', { name: 'light' }).click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});
