import { expect, test } from './fixtures';
import { chooseModel, openStudio, studioState } from './helpers';

/**
 * Nothing a person was composing is lost by leaving the page: Back from the gallery and a
 * reload bring the prompt, the model and the options back. (Runs themselves outliving
 * the tab are issue 11's runs; this is the composer's draft.)
 */
test('Back from the gallery and a reload keep the composer’s draft', async ({ page }) => {
  await openStudio(page);
  await chooseModel(page, 'gpt-image-1');
  await page.getByLabel('Prompt').fill('a draft that survives the gallery');
  const quality = page.getByRole('radiogroup', { name: 'Quality' });
  await quality.getByRole('radio', { name: 'low' }).click();

  const restored = async () => {
    await page.waitForFunction(() => Boolean(window.__imageStudio));
    await expect(page.getByLabel('Prompt')).toHaveValue('a draft that survives the gallery');
    expect((await studioState(page)).modelId).toBe('gpt-image-1');
    await expect(quality.getByRole('radio', { name: 'low' })).toHaveAttribute('aria-checked', 'true');
  };

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await page.goBack();
  await restored();
  await page.reload();
  await restored();

  // A remix starts from its image instead, whatever the draft says.
  const made = await page.request.post('/api/v1/images/generations', { data: { model: 'gpt-image-1.5', prompt: 'the image being remixed', quality: 'low' } });
  const id = ((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
  await page.goto(`/?remix=${id}`);
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  await expect(page.getByLabel('Prompt')).toHaveValue('the image being remixed');
  expect((await studioState(page)).modelId).toBe('gpt-image-1.5');
});
