import { expect, test } from './fixtures';

/**
 * Languages: the page follows the browser's Accept-Language until someone chooses a
 * language in the header; the choice is kept (a cookie) across pages and reloads.
 */
test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('gets German, and a choice of Japanese in the header is kept', async ({ page }) => {
    await page.goto('/gallery');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(nav.getByRole('link', { name: 'Galerie' })).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: 'Farbschema' })).toBeVisible();

    await page.getByLabel('Sprache').selectOption('ja');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: 'ギャラリー' })).toBeVisible();
    await page.goto('/boards');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByLabel('言語')).toHaveValue('ja');
    // Back to English for whoever shares this browser next.
    await page.getByLabel('言語').selectOption('en');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' })).toBeVisible();
  });
});

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('gets Simplified Chinese', async ({ page }) => {
    await page.goto('/gallery');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '图库' })).toBeVisible();
  });
});
