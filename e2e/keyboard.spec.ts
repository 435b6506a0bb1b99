import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startedRun } from './helpers';

/**
 * The keyboard alone: generate an image, open it in the editor, mask a rectangle with
 * the arrow keys and Enter, and send the edit, every step by Tab and keys, each focused
 * control visibly marked. And what a screen reader hears while a run goes on.
 */

/** Tabs forward until `target` has focus (as a person would), checking each stop shows its focus. */
async function tabTo(page: Page, target: Locator, most = 120) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      expect(await focusIsVisible(page), 'the focused control shows its focus').toBe(true);
      return;
    }
  }
  throw new Error(`${target} was not reached in ${most} presses of Tab`);
}

/** Whether the focused element draws a focus indicator: an outline or a ring (box-shadow). */
const focusIsVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });

test('keyboard only: generate, open in the editor, mask a rectangle, send the edit', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  await tabTo(page, page.getByLabel('Prompt'));
  await page.keyboard.type('A red kite over a green hill');
  await page.keyboard.press('Control+Enter');
  // This run's card (other tests' runs of the same person may land above it).
  const card = await startedRun(page);
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });

  // Its Edit link, reached by Tab: each radio group is one stop, so the feed is near.
  await tabTo(page, card.getByTestId('edit-result'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/edit\?from=/);
  await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);

  // On the canvas: the rectangle tool, a crosshair, two corners.
  const canvas = page.getByTestId('mask-stage');
  await tabTo(page, canvas);
  const heard = page.getByTestId('editor-announcer');
  await page.keyboard.press('r');
  await expect(heard).toHaveText('Rectangle tool');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText(/^Crosshair at \d+, \d+\.$/);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Enter');
  await expect(heard).toContainText('First corner at');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowDown');
  await expect(heard).toHaveText(/^Rectangle \d+ by \d+/);
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText('Added to the mask: 1 shape.');
  const mask = await page.evaluate(async () => {
    const c = await window.__imageStudioEditor!.maskCoverage();
    return { covered: c.covered, all: c.width * c.height };
  });
  expect(mask.covered).toBeGreaterThan(0);
  expect(mask.covered).toBeLessThan(mask.all);

  // Invert and back, undo and redo, zoom: each is said.
  await page.keyboard.press('i');
  await expect(heard).toHaveText('Mask inverted.');
  await page.keyboard.press('Control+z');
  await expect(heard).toHaveText('Undone.');
  await page.keyboard.press('Control+Shift+z');
  await expect(heard).toHaveText('Redone.');
  await page.keyboard.press('i');
  await expect(heard).toHaveText('Mask no longer inverted.');
  await page.keyboard.press('+');
  await expect(heard).toHaveText(/^Zoom \d+%\.$/);

  await tabTo(page, page.getByLabel('Describe the new picture'));
  await page.keyboard.type('the same hill, with a blue kite');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.evaluate(() => window.__imageStudioEditor!.state().status), { timeout: 20_000 }).toBe('done');
});

test('Ctrl+A masks the whole image and Delete clears it, on the focused canvas only', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Prompt').fill('A field for selecting all');
  await page.getByLabel('Prompt').press('Control+Enter');
  // This page's own run: another test's may be newer in the shared feed.
  const card = await startedRun(page);
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  await card.getByTestId('edit-result').click();
  await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);
  const covered = () => page.evaluate(async () => (await window.__imageStudioEditor!.maskCoverage()).covered);
  // In the prompt, Ctrl+A selects its text, not the image.
  await page.getByLabel('Describe the new picture').fill('text');
  await page.getByLabel('Describe the new picture').press('Control+a');
  expect(await covered()).toBe(0);
  await page.getByTestId('mask-stage').focus();
  await page.keyboard.press('Control+a');
  const size = await page.evaluate(async () => { const c = await window.__imageStudioEditor!.maskCoverage(); return c.width * c.height; });
  await expect.poll(covered).toBe(size);
  await page.keyboard.press('Delete');
  await expect.poll(covered).toBe(0);
  await expect(page.getByTestId('editor-announcer')).toHaveText('Mask cleared.');
});

test('a run is announced politely as it goes: started, previews, done; not its ticking clock', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  await page.locator('[data-model="gpt-image-1.5"]').click();
  // Every text each run's live region holds, in order, recorded in the page by run.
  await page.evaluate(() => {
    const w = window as unknown as { __heard: Record<string, string[]> };
    w.__heard = {};
    new MutationObserver(() => {
      for (const region of document.querySelectorAll('[data-testid="run-announcement"]')) {
        const id = region.closest('[data-run-id]')?.getAttribute('data-run-id') ?? '';
        const said = (w.__heard[id] ??= []);
        const text = region.textContent ?? '';
        if (text && said.at(-1) !== text) said.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel('Prompt').fill('A heron in the reeds sim:latency=700');
  await page.getByLabel('Prompt').press('Control+Enter');
  const card = await startedRun(page);
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  const announcement = card.getByTestId('run-announcement');
  await expect(announcement).toHaveAttribute('role', 'status');
  await expect(announcement).toHaveAttribute('aria-live', 'polite');
  await expect(announcement).toHaveText(/^Done: 1 image in [\d.]+ seconds\.$/);
  // The visible status line, whose seconds tick, is not a live region.
  await expect(card.getByTestId('run-status')).not.toHaveAttribute('aria-live', /.*/);
  const id = await card.getAttribute('data-run-id');
  const heard = await page.evaluate((id) => (window as unknown as { __heard: Record<string, string[]> }).__heard[id!]!, id);
  expect(heard[0]).toMatch(/^(Queued\.|Generating the image\.)/);
  expect(heard).toContain('Preview 1 arrived.');
  expect(heard).toContain('Preview 2 arrived.');
  expect(heard.at(-1)).toMatch(/^Done: 1 image/);
  // Only state changes: a handful of messages, not one every tenth of a second.
  expect(heard.length).toBeLessThanOrEqual(6);
});

test('a radio group is one Tab stop, and the arrow keys choose within it', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => Boolean(window.__imageStudio));
  const quality = page.getByRole('radiogroup', { name: 'Quality' });
  const checked = () => quality.locator('[aria-checked="true"]').getAttribute('data-value');
  await quality.locator('[aria-checked="true"]').focus();
  const before = await checked();
  await page.keyboard.press('ArrowRight');
  await expect.poll(checked).not.toBe(before);
  await expect(quality.locator('[aria-checked="true"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(quality.locator('[role="radio"]').first()).toBeFocused();
  await expect(quality.locator('[role="radio"]').first()).toHaveAttribute('aria-checked', 'true');
  // Only the chosen option is in the Tab order.
  expect(await quality.locator('[role="radio"][tabindex="0"]').count()).toBe(1);
  await page.keyboard.press('Tab');
  await expect(quality.locator(':focus')).toHaveCount(0);
});
