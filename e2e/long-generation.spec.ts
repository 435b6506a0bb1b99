import { expect, test } from './fixtures';
import { openStudio, studioState, startedRun } from './helpers';

/**
 * A generation that takes over three minutes (the simulator waits 61 s before each of
 * its three events) still streams and completes: in the browser, which shows it and
 * saves it, and for a script reading the same kind of stream, which hears the studio's
 * heartbeats through every silent minute, so no proxy on the way closes it as idle.
 */
const SLOW = 'sim:latency=61000';

test('a generation of over three minutes streams with heartbeats and completes', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const started = Date.now();

  const script = (async () => {
    const res = await fetch(`${baseURL}/api/v1/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-image-1.5', prompt: `A patient lighthouse, by script ${SLOW}`, quality: 'low', stream: true, partial_images: 2 }),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    return { heartbeats: text.split(': keep-alive').length - 1, events: text.match(/^event: \S+/gm) ?? [], seconds: (Date.now() - started) / 1000 };
  })();

  await openStudio(page);
  await page.getByRole('radiogroup', { name: 'Partial images' }).getByRole('radio', { name: '2' }).click();
  await page.getByLabel('Prompt').fill(`A patient lighthouse ${SLOW}`);
  await page.getByLabel('Prompt').press('Control+Enter');
  await expect.poll(async () => (await studioState(page)).status, { timeout: 240_000, intervals: [5_000] }).toBe('done');
  const renders = (await studioState(page)).renders;
  expect(renders.map((r) => r.kind)).toEqual(['partial', 'partial', 'final']);
  expect((Date.now() - started) / 1000).toBeGreaterThan(180);
  await expect((await startedRun(page)).getByTestId('open-in-gallery')).toBeVisible();

  const heard = await script;
  expect(heard.seconds).toBeGreaterThan(180);
  expect(heard.events).toEqual(['event: image_generation.partial_image', 'event: image_generation.partial_image', 'event: image_generation.completed']);
  // One every 15 s of silence: at least three in each 61 s wait.
  expect(heard.heartbeats).toBeGreaterThanOrEqual(9);
});
