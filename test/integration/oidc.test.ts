import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Sign-in with an identity provider (OIDC), end to end over HTTP against a real OpenID
 * provider on loopback: discovery, the authorization code flow with PKCE, state and
 * nonce, the ID token's checks, the domain rule, one-time callbacks, sessions.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let provider: TestProvider;
const ENV = ['STUDIO_OIDC_ISSUER', 'STUDIO_OIDC_CLIENT_ID', 'STUDIO_OIDC_CLIENT_SECRET', 'STUDIO_OIDC_ALLOWED_DOMAINS', 'STUDIO_OIDC_ALLOWED_GROUPS', 'STUDIO_OIDC_SCOPES', 'STUDIO_ADMINS'];

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
  provider = await startOidcProvider({ redirectUris: [`${studio.url}/api/auth/oidc/callback`] });
});
afterAll(async () => {
  await provider.close();
  await studio.close();
});
afterEach(() => {
  provider.tamper(null);
  for (const name of ENV) delete process.env[name];
});

function oidcMode(extra: Record<string, string> = {}) {
  Object.assign(process.env, { STUDIO_OIDC_ISSUER: provider.issuer, STUDIO_OIDC_CLIENT_ID: provider.clientId, STUDIO_OIDC_CLIENT_SECRET: provider.clientSecret, ...extra });
}

/** A browser's cookie jar and manual redirects, enough to walk the flow. */
class Browser {
  private jar = new Map<string, Map<string, string>>();
  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
  setCookie(url: string, name: string, value: string) {
    const host = new URL(url).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookies = [...(this.jar.get(new URL(url).host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookies ? { cookie: cookies } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.jar.get(new URL(url).host)?.delete(name);
      else this.setCookie(url, name, value);
    }
    return res;
  }

  /**
   * From the studio's "Sign in with …" to the moment the provider sends the browser back
   * to the studio's callback (returned, not followed, so a test can meddle with it).
   */
  async signInAtProvider(login: string, next = '/gallery'): Promise<string> {
    let res = await this.fetch(`${studio.url}/api/auth/oidc/start?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(303);
    let location = new URL(res.headers.get('location')!, studio.url).href;
    expect(location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    const asked = new URL(location).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    for (let hops = 0; hops < 10; hops++) {
      if (location.startsWith(`${studio.url}/api/auth/oidc/callback`)) return location;
      res = await this.fetch(location);
      if (res.status >= 300 && res.status < 400) {
        location = new URL(res.headers.get('location')!, location).href;
        continue;
      }
      // The provider's login page: type the login and any password.
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      expect(action, html.slice(0, 500)).toBeTruthy();
      res = await this.fetch(new URL(action!.replace(/&amp;/g, '&'), location).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'anything' }).toString(),
      });
      location = new URL(res.headers.get('location')!, location).href;
    }
    throw new Error('the provider never sent the browser back');
  }

  async signIn(login: string, next = '/gallery'): Promise<Response> {
    return this.fetch(await this.signInAtProvider(login, next));
  }
}

const me = (browser: Browser) => browser.fetch(`${studio.url}/api/v1/budget`);

describe('OIDC sign-in', () => {
  test('signs a person in: their name and email from the provider, their subject as their id, back where they were going', async () => {
    oidcMode();
    const browser = new Browser();
    const back = await browser.signIn('ana', '/gallery?mine=true');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/gallery?mine=true');
    expect(back.headers.getSetCookie().join('\n')).toMatch(/studio_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    const budget = (await (await me(browser)).json()) as { person: string };
    expect(budget.person).toBe('Ana');
    // What they make is filed under their subject and shown with their name.
    const made = await browser.fetch(`${studio.url}/api/v1/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: studio.url },
      body: JSON.stringify({ model: 'gpt-image-1', prompt: 'an oidc lighthouse', quality: 'low' }),
    });
    expect(made.status).toBe(200);
    const id = ((await made.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
    const image = (await (await browser.fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as { creator: string; creator_id: string };
    expect(image).toMatchObject({ creator: 'Ana', creator_id: 'oidc:ana' });
  });

  test('sign-out ends the session on the server: a copied cookie stops working', async () => {
    oidcMode();
    const browser = new Browser();
    await browser.signIn('ben');
    const copied = browser.cookie(studio.url, 'studio_session')!;
    expect((await me(browser)).status).toBe(200);
    expect((await browser.fetch(`${studio.url}/api/auth/sign-out`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${studio.url}/api/v1/budget`, { headers: { cookie: `studio_session=${copied}` } })).status).toBe(401);
  });

  test('the return address stays on the studio, however it is written', async () => {
    oidcMode();
    for (const next of ['https://evil.example/', '//evil.example', '/\t/evil.example', '/\\evil.example']) {
      const back = await new Browser().signIn('cleo', next);
      expect(back.headers.get('location'), next).toBe('/');
    }
  });

  test('a wrong state is refused, and the sign-in cannot be finished afterwards', async () => {
    oidcMode();
    const browser = new Browser();
    const callback = new URL(await browser.signInAtProvider('dora'));
    const real = callback.searchParams.get('state')!;
    callback.searchParams.set('state', `${real}x`);
    const refused = await browser.fetch(callback.href);
    expect(refused.headers.get('location')).toBe('/sign-in?error=oidc_failed');
    expect(browser.cookie(studio.url, 'studio_session')).toBeUndefined();
    // The sign-in in flight was used up by that attempt: the genuine callback no longer works either.
    callback.searchParams.set('state', real);
    expect((await browser.fetch(callback.href)).headers.get('location')).toBe('/sign-in?error=oidc_expired');
  });

  test('a replayed code is refused, in the same browser and in another', async () => {
    oidcMode();
    const browser = new Browser();
    const callback = await browser.signInAtProvider('eli');
    const login = browser.cookie(studio.url, 'studio_oidc')!;
    expect((await browser.fetch(callback)).headers.get('location')).toBe('/gallery');
    expect((await browser.fetch(callback)).headers.get('location')).toBe('/sign-in?error=oidc_expired');
    // An attacker with the callback URL and even the login cookie gets nowhere.
    const thief = new Browser();
    thief.setCookie(studio.url, 'studio_oidc', login);
    expect((await thief.fetch(callback)).headers.get('location')).toBe('/sign-in?error=oidc_expired');
    expect(thief.cookie(studio.url, 'studio_session')).toBeUndefined();
  });

  test('a callback without the browser’s own sign-in cookie is refused (login CSRF)', async () => {
    oidcMode();
    const victim = new Browser();
    const callback = await new Browser().signInAtProvider('mallory');
    expect((await victim.fetch(callback)).headers.get('location')).toBe('/sign-in?error=oidc_expired');
  });

  test('a forged ID token (another key) and an expired one (the provider’s own key) are refused', async () => {
    oidcMode();
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    provider.tamper((claims) => provider.sign({ ...claims, sub: 'root' }, otherKey));
    const forged = await new Browser().signIn('fred');
    expect(forged.headers.get('location')).toBe('/sign-in?error=oidc_failed');

    const now = Math.floor(Date.now() / 1000);
    provider.tamper((claims) => provider.sign({ ...claims, iat: now - 7200, exp: now - 3600 }));
    const expired = await new Browser().signIn('gus');
    expect(expired.headers.get('location')).toBe('/sign-in?error=oidc_failed');

    provider.tamper((claims) => provider.sign({ ...claims, nonce: 'not-the-nonce' }));
    expect((await new Browser().signIn('hal')).headers.get('location')).toBe('/sign-in?error=oidc_failed');
    // The untouched flow still works, so it was the tampering that was refused.
    expect((await new Browser().signIn('ivy')).headers.get('location')).toBe('/gallery');
  });

  test('the domain rule refuses outsiders with a clear page; the group rule too', async () => {
    oidcMode({ STUDIO_OIDC_ALLOWED_DOMAINS: 'team.example' });
    const outsider = await new Browser().signIn('mallory@outsider.example');
    expect(outsider.headers.get('location')).toBe('/sign-in?error=oidc_outsider');
    expect((await new Browser().signIn('jo')).headers.get('location')).toBe('/gallery');
    delete process.env.STUDIO_OIDC_ALLOWED_DOMAINS;
    // Groups come with their own scope, as with Okta, Keycloak and Authentik.
    process.env.STUDIO_OIDC_ALLOWED_GROUPS = 'designers';
    process.env.STUDIO_OIDC_SCOPES = 'openid email profile groups';
    expect((await new Browser().signIn('guest@team.example')).headers.get('location')).toBe('/sign-in?error=oidc_outsider');
    expect((await new Browser().signIn('kim')).headers.get('location')).toBe('/gallery');
  });

  test('admins are named by their verified email; sessions list and end as in password mode', async () => {
    oidcMode({ STUDIO_ADMINS: 'lee@team.example' });
    const admin = new Browser();
    await admin.signIn('lee');
    const other = new Browser();
    await other.signIn('max');
    expect((await other.fetch(`${studio.url}/api/v1/admin/sessions`)).status).toBe(403);
    const ended = await admin.fetch(`${studio.url}/api/v1/admin/people/${encodeURIComponent('oidc:max')}/sessions`, { method: 'DELETE', headers: { origin: studio.url } });
    expect(await ended.json()).toMatchObject({ ended: 1 });
    expect((await me(other)).status).toBe(401);
    expect((await me(admin)).status).toBe(200);
  });

  test('the password sign-in is closed in OIDC mode, and an unreachable provider says so', async () => {
    oidcMode();
    const res = await fetch(`${studio.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x","password":"y"}' });
    expect(res.status).toBe(404);
    process.env.STUDIO_OIDC_ISSUER = 'http://127.0.0.1:9';
    const start = await fetch(`${studio.url}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(start.headers.get('location')).toBe('/sign-in?error=oidc_unavailable');
  });
});
