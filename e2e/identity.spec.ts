import type { Browser, BrowserContext, Page } from '@playwright/test';
import { OFF_SITE_NEXT } from '../test/fixtures/off-site-next';
import { expect, test } from './fixtures';
import { OIDC_ISSUER, OIDC_URL, PORT, TEAM_PASSWORD, TEAM_URL } from './servers';

/**
 * Real identities: sign-in through the team's identity provider (a real OpenID provider
 * on loopback) in Chromium, sessions that end on the server, and return addresses that
 * stay on the studio in every sign-in mode.
 */
const OPEN_URL = `http://127.0.0.1:${PORT}`;

/** Signs in at the provider's own login page (any password; the login names the account). */
async function signInWithProvider(page: Page, login: string, next = '/gallery') {
  await page.goto(`${OIDC_URL}${next}`);
  await expect(page).toHaveURL(new RegExp(`^${OIDC_URL}/sign-in`));
  await page.getByRole('link', { name: 'Sign in with Team SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

async function newSignedIn(browser: Browser, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithProvider(page, login);
  await expect(page).toHaveURL(`${OIDC_URL}/gallery`);
  return { context, page };
}

test.describe('sign-in with the identity provider', () => {
  test('signs in through the provider and comes back where it was going, named by the provider', async ({ page }) => {
    await signInWithProvider(page, 'ana', '/gallery?mine=true');
    await expect(page).toHaveURL(`${OIDC_URL}/gallery?mine=true`);
    await expect(page.getByTestId('signed-in-as')).toHaveText('Ana');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('settings-name')).toHaveText('Ana');
    const mine = page.getByTestId('session-row').filter({ hasText: 'this browser' });
    // Playwright's desktop Chrome says it runs on Windows.
    await expect(mine).toContainText('Chrome on Windows');

    // Sign-out ends the session on the server: the cookie, copied before, no longer works.
    const copied = (await page.context().cookies(OIDC_URL)).find((c) => c.name === 'studio_session')!.value;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const replay = await page.request.get(`${OIDC_URL}/api/v1/budget`, { headers: { cookie: `studio_session=${copied}` } });
    expect(replay.status()).toBe(401);
  });

  test('an outsider is refused with a page that says why', async ({ page }) => {
    await signInWithProvider(page, 'mallory@outsider.example');
    await expect(page).toHaveURL(`${OIDC_URL}/sign-in?error=oidc_outsider`);
    await expect(page.getByTestId('sign-in-problem')).toContainText('This account cannot use this studio');
    await expect(page.getByTestId('sign-in-problem')).toContainText('team.example');
    expect((await page.context().cookies(OIDC_URL)).some((c) => c.name === 'studio_session')).toBe(false);
  });

  test('ending a session from another browser signs that browser out on its next request', async ({ browser }) => {
    const laptop = await newSignedIn(browser, 'bea');
    const phone = await newSignedIn(browser, 'bea');
    await laptop.page.goto(`${OIDC_URL}/settings`);
    const rows = laptop.page.getByTestId('session-row');
    await expect(rows).toHaveCount(2);
    await rows.filter({ hasNotText: 'this browser' }).getByRole('button', { name: /^End the session/ }).click();
    await expect(rows).toHaveCount(1);
    await phone.page.goto(`${OIDC_URL}/settings`);
    await expect(phone.page).toHaveURL(/\/sign-in$/);
    await laptop.page.reload();
    await expect(laptop.page.getByTestId('settings-name')).toHaveText('Bea');
    await laptop.context.close();
    await phone.context.close();
  });

  test('an admin ends all sessions of one person from the Spend page', async ({ browser }) => {
    const max = await newSignedIn(browser, 'max');
    const admin = await newSignedIn(browser, 'lee');
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spend' }).click();
    admin.page.once('dialog', (dialog) => void dialog.accept());
    await admin.page.getByRole('button', { name: 'End all sessions of Max' }).click();
    await expect(admin.page.getByRole('button', { name: 'End all sessions of Max' })).toHaveCount(0);
    await max.page.reload();
    await expect(max.page).toHaveURL(/\/sign-in$/);
    await max.context.close();
    await admin.context.close();
  });
});

test.describe('the return address after sign-in stays on the studio', () => {
  // Nothing may actually leave for another site, whatever happens.
  test.beforeEach(async ({ context }) => {
    await context.route((url) => url.hostname.endsWith('evil.example'), (route) => route.abort());
  });
  test.setTimeout(180_000);

  const landsOn = async (page: Page, origin: string, value: string) => {
    await expect.poll(() => page.url(), { message: JSON.stringify(value) }).toBe(`${origin}/`);
  };

  test(`password mode: ${OFF_SITE_NEXT.length} ways of writing an off-site next`, async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    for (const value of OFF_SITE_NEXT) {
      await page.context().clearCookies();
      await page.goto(`${TEAM_URL}/sign-in?next=${encodeURIComponent(value)}`);
      await page.getByLabel('Your name').fill('Redirect tester');
      await page.getByLabel('Team password').fill(TEAM_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await landsOn(page, TEAM_URL, value);
    }
    expect(dialogs).toBe(0);
  });

  test(`OIDC mode: ${OFF_SITE_NEXT.length} ways, through the provider and its callback`, async ({ page }) => {
    await signInWithProvider(page, 'nia');
    for (const value of OFF_SITE_NEXT) {
      // The provider remembers the person: the link goes there and straight back.
      await page.goto(`${OIDC_URL}/sign-in?next=${encodeURIComponent(value)}`);
      await page.getByRole('link', { name: 'Sign in with Team SSO' }).click();
      await landsOn(page, OIDC_URL, value);
      // And the start route itself, called directly with the raw value.
      await page.goto(`${OIDC_URL}/api/auth/oidc/start?next=${encodeURIComponent(value)}`);
      await landsOn(page, OIDC_URL, value);
    }
  });

  test(`open mode: ${OFF_SITE_NEXT.length} ways`, async ({ page }) => {
    for (const value of OFF_SITE_NEXT) {
      await page.goto(`${OPEN_URL}/sign-in?next=${encodeURIComponent(value)}`);
      await landsOn(page, OPEN_URL, value);
    }
  });
});

test('password mode says plainly that names are not verified', async ({ page }) => {
  await page.goto(`${TEAM_URL}/sign-in`);
  await expect(page.getByTestId('names-not-verified')).toContainText('Names are not verified');
});

test('a client cannot choose the studio’s origin with X-Forwarded-Host: links and Open Graph tags keep the real one', async ({ request }) => {
  const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
  const made = await request.post(`${OPEN_URL}/api/v1/images/generations`, { data: { model: 'gpt-image-1', prompt: 'origin check', quality: 'low' }, headers: forged });
  expect(made.status()).toBe(200);
  const image = ((await made.json()) as { data: Array<{ gallery_id: string; gallery_url: string }> }).data[0]!;
  expect(image.gallery_url.startsWith(`${OPEN_URL}/gallery/`)).toBe(true);
  const share = await request.post(`${OPEN_URL}/api/v1/gallery/${image.gallery_id}/shares`, { data: {}, headers: { ...forged, origin: OPEN_URL } });
  expect(share.status()).toBe(201);
  const { url } = (await share.json()) as { url: string };
  expect(url.startsWith(`${OPEN_URL}/s/`)).toBe(true);
  const page = await (await request.get(url, { headers: forged })).text();
  expect(page).toContain(`<meta property="og:image" content="${OPEN_URL}/s/`);
  expect(page).not.toContain('evil.example');
});
