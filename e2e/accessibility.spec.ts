import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { makeShowcase, showcasePages, sourceImage, startedRun } from './helpers';
import { TEAM_URL } from './servers';

/**
 * WCAG 2.2 AA, as axe-core checks it, on every page in both themes: the studio (its feed
 * with runs in it), the editor empty and with an image loaded, the gallery, an image's
 * page, the boards list and a board, settings, spend, sign-in, and the public pages of a
 * shared image and a shared board. Any violation fails, with axe's own description.
 */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`));
}

/** What each page shows once it has loaded. */
const HEADINGS: Record<string, string> = {
  gallery: 'Gallery',
  'image page': 'Prompt',
  boards: 'Boards',
  'a board': 'Accessibility review',
  settings: 'Settings',
  spend: 'Spend',
  'shared board': 'Accessibility review',
  'shared image': 'Shared image',
};

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('every page of the studio has no axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const pages = showcasePages(await makeShowcase(page, 'An otter for the accessibility check', { name: 'Accessibility review', description: 'One image' }));
      // A run in the feed, so its card is checked too.
      await page.goto('/');
      await page.getByLabel('Prompt').fill('A kingfisher for the accessibility check');
      await page.getByRole('button', { name: 'Generate' }).click();
      await expect(await startedRun(page)).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
      await expect(page.getByRole('heading', { name: 'Generate' })).toBeVisible();
      expect(await violations(page), `studio (${colorScheme})`).toEqual([]);
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: HEADINGS[name], exact: false }).first(), name).toBeVisible();
        expect(await violations(page), `${name} (${colorScheme})`).toEqual([]);
      }
    });

    test('the editor, empty and with an image, has no axe violations', async ({ page }) => {
      await page.goto('/edit');
      await expect(page.getByRole('button', { name: 'Choose an image…' })).toBeVisible();
      expect(await violations(page), `empty editor (${colorScheme})`).toEqual([]);
      await page.getByTestId('file-input').setInputFiles(await sourceImage());
      await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);
      expect(await violations(page), `editor with an image (${colorScheme})`).toEqual([]);
      // The Markup layer: its tools, colour swatches, stroke width and explanation.
      await page.getByRole('radio', { name: 'Markup' }).click();
      await expect(page.getByRole('radiogroup', { name: 'Colour', exact: true })).toBeVisible();
      expect(await violations(page), `editor, markup layer (${colorScheme})`).toEqual([]);
    });

    test('the sign-in page has no axe violations', async ({ page }) => {
      await page.goto(`${TEAM_URL}/sign-in`);
      await expect(page.getByLabel('Team password')).toBeVisible();
      expect(await violations(page), `sign-in (${colorScheme})`).toEqual([]);
    });
  });
}

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('a running generation does not spin or pulse', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Prompt').fill('A still pond sim:latency=1500');
    await page.getByRole('button', { name: 'Generate' }).click();
    const spinner = (await startedRun(page)).getByTestId('run-status').locator('[aria-hidden]').first();
    await expect(spinner).toBeVisible();
    const motion = await spinner.evaluate((el) => {
      const style = getComputedStyle(el);
      return { duration: style.animationDuration, iterations: style.animationIterationCount };
    });
    expect(motion).toEqual({ duration: '1e-05s', iterations: '1' });
  });
});
