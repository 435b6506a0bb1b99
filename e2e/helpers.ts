import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { SIM_URL } from './servers';

export type RenderRecord = { slot: number; kind: 'partial' | 'final'; partialIndex: number | null; digest: string; at: number };

/** The studio's test handle: what the browser rendered and the run's status. */
export const studioState = (page: Page) =>
  page.evaluate(() => window.__imageStudio!.state()) as Promise<{ status: string; renders: RenderRecord[]; error: { message: string } | null; modelId: string; runId: string | null }>;

export async function openStudio(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Generate' })).toBeVisible();
  await page.waitForFunction(() => Boolean(window.__imageStudio));
}

export const chooseModel = (page: Page, id: string) => page.locator(`[data-model="${id}"]`).click();

/** The counters of the simulator the open studio calls (on its own port, as a gateway would be). */
export const simulatorStats = async (page: Page) =>
  (await (await page.request.get(`${SIM_URL}/v1/__simulator/stats`)).json()) as { aborted: number; requests: number; completed: number };

/** The newest run's card in the feed (the one just started). */
export const latestRun = (page: Page) => page.getByTestId('run-card').first();

/** The card of the run started last from this page, by its id (stable while newer runs arrive). */
export async function startedRun(page: Page) {
  await expect.poll(async () => (await studioState(page)).runId, { timeout: 15_000 }).not.toBeNull();
  const id = (await studioState(page)).runId!;
  return page.locator(`[data-testid="run-card"][data-run-id="${id}"]`);
}

/** A test picture for the editor (a blue field, a yellow disc, a green block), as a PNG file. */
export async function sourceImage({ width, height } = { width: 768, height: 512 }): Promise<string> {
  const file = path.join(os.tmpdir(), `editor-source-${process.pid}-${width}x${height}.png`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="250" cy="250" r="120" fill="#ffd166"/><rect x="450" y="300" width="200" height="150" fill="#06d6a0"/></svg>`;
  writeFileSync(file, await sharp({ create: { width, height, channels: 3, background: '#3a7bd5' } }).composite([{ input: Buffer.from(svg) }]).png().toBuffer());
  return file;
}


/** An image, a board holding it, and a share link to each: what the page-by-page checks walk through. */
export type Showcase = { image: string; board: string; imageShare: string; boardShare: string };

export async function makeShowcase(page: Page, prompt: string, board = { name: prompt, description: null as string | null }): Promise<Showcase> {
  const made = await page.request.post('/api/v1/images/generations', { data: { model: 'dall-e-2', prompt, size: '256x256' } });
  const image = ((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
  const { id } = (await (await page.request.post('/api/v1/boards', { data: board })).json()) as { id: string };
  await page.request.post(`/api/v1/boards/${id}/images`, { data: { image_ids: [image] } });
  const link = async (path: string) => new URL(((await (await page.request.post(path, { data: {} })).json()) as { url: string }).url).pathname;
  return { image, board: id, imageShare: await link(`/api/v1/gallery/${image}/shares`), boardShare: await link(`/api/v1/boards/${id}/shares`) };
}

/** Every page of the studio but the studio and the editor (which need their own set-up), by name. */
export const showcasePages = (s: Showcase): Array<[string, string]> => [
  ['gallery', '/gallery'],
  ['image page', `/gallery/${s.image}`],
  ['boards', '/boards'],
  ['a board', `/boards/${s.board}`],
  ['settings', '/settings'],
  ['spend', '/admin'],
  ['shared board', s.boardShare],
  ['shared image', s.imageShare],
];
