import { expect, type Page } from '@playwright/test';
import { SIM_URL } from './servers';

export type RenderRecord = { slot: number; kind: 'partial' | 'final'; partialIndex: number | null; digest: string; at: number };

/** The studio's test handle: what the browser rendered and the run's status. */
export const studioState = (page: Page) =>
  page.evaluate(() => window.__imageStudio!.state()) as Promise<{ status: string; renders: RenderRecord[]; error: { message: string } | null; modelId: string }>;

export async function openStudio(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Generate' })).toBeVisible();
  await page.waitForFunction(() => Boolean(window.__imageStudio));
}

export const chooseModel = (page: Page, id: string) => page.locator(`[data-model="${id}"]`).click();

/** The counters of the simulator the open studio calls (on its own port, as a gateway would be). */
export const simulatorStats = async (page: Page) =>
  (await (await page.request.get(`${SIM_URL}/v1/__simulator/stats`)).json()) as { aborted: number; requests: number; completed: number };
