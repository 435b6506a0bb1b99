import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { sourceImage } from './helpers';
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

type Fixtures = { image: string; board: string; imageShare: string; boardShare: string };

/** A gallery with two images, a board holding them, and a share link to each. */
async function gallery(page: Page): Promise<Fixtures> {
  const ids: string[] = [];
  for (const animal of ['otter', 'heron']) {
    const made = await page.request.post('/api/v1/images/generations', { data: { model: 'dall-e-2', prompt: `An ${animal} for the accessibility check`, size: '256x256' } });
    ids.push(((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id);
  }
  const board = (await (await page.request.post('/api/v1/boards', { data: { name: 'Accessibility review', description: 'Two images' } })).json()) as { id: string };
  await page.request.post(`/api/v1/boards/${board.id}/images`, { data: { image_ids: ids } });
  const imageShare = (await (await page.request.post(`/api/v1/gallery/${ids[0]}/shares`, { data: {} })).json()) as { url: string };
  const boardShare = (await (await page.request.post(`/api/v1/boards/${board.id}/shares`, { data: {} })).json()) as { url: string };
  return { image: ids[0]!, board: board.id, imageShare: imageShare.url, boardShare: boardShare.url };
}

const PAGES: Array<[string, (f: Fixtures) => string, string]> = [
  ['studio', () => '/', 'Generate'],
  ['gallery', () => '/gallery', 'Gallery'],
  ['image page', (f) => `/gallery/${f.image}`, 'Prompt'],
  ['boards', () => '/boards', 'Boards'],
  ['a board', (f) => `/boards/${f.board}`, 'Accessibility review'],
  ['settings', () => '/settings', 'Settings'],
  ['spend', () => '/admin', 'Spend'],
  ['shared image', (f) => new URL(f.imageShare).pathname, 'Shared image'],
  ['shared board', (f) => new URL(f.boardShare).pathname, 'Accessibility review'],
];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('every page of the studio has no axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const fixtures = await gallery(page);
      // A run in the feed, so its card is checked too.
      await page.goto('/');
      await page.getByLabel('Prompt').fill('A kingfisher for the accessibility check');
      await page.getByRole('button', { name: 'Generate' }).click();
      await expect(page.getByTestId('run-card').first()).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
      for (const [name, path, heading] of PAGES) {
        await page.goto(path(fixtures));
        await expect(page.getByRole('heading', { name: heading, exact: false }).first(), name).toBeVisible();
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
    const spinner = page.getByTestId('run-card').first().getByTestId('run-status').locator('[aria-hidden]').first();
    await expect(spinner).toBeVisible();
    const motion = await spinner.evaluate((el) => {
      const style = getComputedStyle(el);
      return { duration: style.animationDuration, iterations: style.animationIterationCount };
    });
    expect(motion).toEqual({ duration: '1e-05s', iterations: '1' });
  });
});
