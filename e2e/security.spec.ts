import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openStudio, studioState, startedRun } from './helpers';
import { CANARY_KEY } from './servers';

/**
 * Every page carries the security headers and a Content Security Policy with a fresh
 * nonce, and the studio works under it: no page logs a policy violation.
 */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('every page has the security headers and a nonce-based CSP, and nothing breaks under it', async ({ page, browser }) => {
  const violations = watchViolations(page);
  const nonces = new Set<string>();
  const check = async (path: string) => {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBeTruthy();
    nonces.add(/'nonce-([^']+)'/.exec(headers['content-security-policy']!)![1]!);
  };

  // The studio generates (streamed partials are blob: images) under the policy.
  await check('/');
  await openStudio(page);
  await page.getByLabel('Prompt').fill(`Under a strict policy ${Date.now()}`);
  await page.getByLabel('Prompt').press('Control+Enter');
  await expect.poll(async () => (await studioState(page)).status, { timeout: 20_000 }).toBe('done');
  await (await startedRun(page)).getByTestId('open-in-gallery').click();
  await expect(page.getByTestId('detail-image')).toHaveJSProperty('complete', true);
  const detail = page.url();
  await page.getByRole('button', { name: 'Create link' }).click();
  const share = await page.getByTestId('share-links').getByLabel('Share link').first().inputValue();

  for (const path of ['/gallery', new URL(detail).pathname, '/edit', '/settings', '/admin', '/boards']) await check(path);
  // The editor draws with Konva on canvases under the policy.
  await page.goto(`/edit?from=${new URL(detail).pathname.split('/').pop()}`);
  await page.waitForFunction(() => (window.__imageStudioEditor?.state().images ?? 0) > 0);

  const stranger = await (await browser.newContext()).newPage();
  const strangerViolations = watchViolations(stranger);
  const shared = await stranger.goto(share);
  expect(shared!.headers()['content-security-policy']).toMatch(/'nonce-/);
  await expect(stranger.getByTestId('shared-image')).toHaveJSProperty('complete', true);

  expect(nonces.size).toBe(7);
  expect(violations).toEqual([]);
  expect(strangerViolations).toEqual([]);
});

test('no file the browser can load holds the API key (the build is made with it in the environment)', async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(process.cwd(), '.next', 'static'));
  walk(path.join(process.cwd(), 'public'));
  expect(files.length).toBeGreaterThan(10);
  const holding = files.filter((file) => readFileSync(file).includes(CANARY_KEY));
  expect(holding).toEqual([]);
});
