import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { makeShowcase, showcasePages, sourceImage, startedRun } from './helpers';
import { TEAM_URL } from './servers';

/**
 * Phones and tablets: at 390×844 and 820×1180 no page scrolls sideways, empty or full
 * (runs in the feed, an image in the editor, galleries and boards with images); on the
 * editor's canvas a finger and a pen both paint, and a palm resting on the screen while
 * the pen is down does not.
 */
const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'tablet', viewport: { width: 820, height: 1180 } },
];

async function noSideways(page: Page, what: string) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${what} is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client);
}

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use({ viewport: screen.viewport, isMobile: true, hasTouch: true });

    test('no page scrolls sideways, empty or full', async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('/');
      await noSideways(page, 'the studio');
      await page.goto('/edit');
      await noSideways(page, 'the empty editor');
      // Full: a run in the feed, images in the gallery, a board, a shared link.
      await page.goto('/');
      await page.getByLabel('Prompt').fill(`A lighthouse for a ${screen.name} with a long prompt that wraps over several lines of the card`);
      await page.getByRole('button', { name: 'Generate' }).click();
      await expect(await startedRun(page)).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
      await noSideways(page, 'the studio with a run');
      const pages: Array<[string, string]> = [...showcasePages(await makeShowcase(page, `A ${screen.name} test image`)), ['sign-in', `${TEAM_URL}/sign-in`]];
      for (const [what, path] of pages) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await noSideways(page, what);
      }
      await page.goto('/edit');
      await page.getByTestId('file-input').setInputFiles(await sourceImage({ width: 1536, height: 1024 }));
      await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);
      await noSideways(page, 'the editor with an image');
      // The whole toolbar is on screen: tools, the brush slider, Undo.
      for (const control of [page.getByRole('button', { name: 'Brush' }), page.getByLabel('Brush size ([ and ])'), page.getByRole('button', { name: 'Undo' })]) {
        const box = (await control.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(screen.viewport.width);
      }
    });
  });
}

/** Points on the canvas, in page coordinates. */
async function canvasPoints(page: Page) {
  const box = (await page.getByTestId('mask-stage').boundingBox())!;
  return (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
}

async function finger(cdp: CDPSession, path: Array<{ x: number; y: number }>) {
  const [start, ...rest] = path;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...start!, id: 1 }] });
  for (const p of rest) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...p, id: 1 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const pen = (cdp: CDPSession, type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', p: { x: number; y: number }) =>
  cdp.send('Input.dispatchMouseEvent', { type, ...p, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, pointerType: 'pen', force: 0.5 });

const shapes = (page: Page) => page.evaluate(() => window.__imageStudioEditor!.state().shapes);

test.describe('a phone with a pen', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a finger paints, a pen paints, and a palm during a pen stroke does not', async ({ page }) => {
    await page.goto('/edit');
    // Tall, as a phone's canvas is: the image fills most of it.
    await page.getByTestId('file-input').setInputFiles(await sourceImage({ width: 512, height: 900 }));
    await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);
    const at = await canvasPoints(page);
    const cdp = await page.context().newCDPSession(page);

    await finger(cdp, [at(0.3, 0.2), at(0.45, 0.2), at(0.6, 0.2)]);
    await expect.poll(() => shapes(page)).toBe(1);

    // A pen stroke along the middle; a palm lands and drags lower down while it is down.
    await pen(cdp, 'mousePressed', at(0.3, 0.45));
    await pen(cdp, 'mouseMoved', at(0.4, 0.45));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...at(0.4, 0.75), id: 7 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...at(0.6, 0.75), id: 7 }] });
    await pen(cdp, 'mouseMoved', at(0.6, 0.45));
    await pen(cdp, 'mouseReleased', at(0.6, 0.45));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => shapes(page)).toBe(2);

    const painted = await page.evaluate(async () => {
      const c = await window.__imageStudioEditor!.maskCoverage();
      const view = window.__imageStudioEditor!.state().view!;
      const box = document.querySelector('[data-testid="mask-stage"]')!.getBoundingClientRect();
      // Page fractions of the canvas, back to image pixels through the view.
      const pixel = (fx: number, fy: number) => c.at(Math.round((box.width * fx - view.panX) / view.zoom), Math.round((box.height * fy - view.panY) / view.zoom));
      return { finger: pixel(0.45, 0.2), pen: pixel(0.45, 0.45), palm: pixel(0.5, 0.75)};
    });
    expect(painted).toEqual({ finger: true, pen: true, palm: false });
  });
});
