import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Sign-in in each of its three modes, through the real route handlers: who gets in,
 * who is refused (401 in the API's envelope), whose name lands on what they make, and
 * personal API tokens used from the official SDK.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
const PASSWORD = 'correct horse battery staple';
const AUTH_ENV = ['STUDIO_AUTH_MODE', 'STUDIO_TEAM_PASSWORD', 'STUDIO_AUTH_HEADER', 'STUDIO_ADMINS', 'STUDIO_SIGN_IN_ATTEMPTS', 'STUDIO_SIGN_IN_ATTEMPTS_TOTAL', 'STUDIO_TRUSTED_PROXIES'];

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
});
afterAll(() => studio.close());
afterEach(() => {
  for (const name of AUTH_ENV) delete process.env[name];
});

const passwordMode = () => {
  process.env.STUDIO_TEAM_PASSWORD = PASSWORD;
};
const origin = () => studio.url;
const jsonPost = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${studio.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: origin(), ...headers }, body: JSON.stringify(body) });

async function signIn(name: string, password = PASSWORD): Promise<string> {
  const res = await jsonPost('/api/auth/sign-in', { name, password });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^studio_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
  return cookie.split(';')[0]!;
}

const generate = (headers: Record<string, string>, prompt = 'a signed-in lighthouse') =>
  jsonPost('/api/v1/images/generations', { model: 'gpt-image-1.5', prompt, quality: 'low' }, headers);

describe('password mode', () => {
  test('without a session every API route answers 401 in the envelope; health and share bytes stay public', async () => {
    passwordMode();
    for (const [method, pathname] of [
      ['GET', '/api/v1/models'],
      ['GET', '/api/v1/gallery'],
      ['POST', '/api/v1/images/generations'],
      ['POST', '/api/v1/images/edits'],
      ['GET', '/api/v1/tokens'],
      ['GET', '/api/v1/admin/spend'],
      ['GET', '/api/v1/no-such-endpoint'],
      ['GET', '/api/simulator/v1/stats'],
    ] as const) {
      const res = await fetch(`${studio.url}${pathname}`, { method });
      expect(res.status, `${method} ${pathname}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toEqual({ error: { message: expect.stringMatching(/Sign in/), type: 'invalid_request_error', param: null, code: 'unauthorized' } });
    }
    expect((await fetch(`${studio.url}/api/health`)).status).toBe(200);
    // An unknown share token is a 404 (not a 401): the link itself is the credential.
    expect((await fetch(`${studio.url}/s/${'a'.repeat(43)}/image`)).status).toBe(404);
  });

  test('a signed session cookie lets a person in, and what they make carries their name', async () => {
    passwordMode();
    const cookie = await signIn('  Ana   Lima ');
    const res = await generate({ cookie });
    expect(res.status).toBe(200);
    const made = (await res.json()) as { data: Array<{ gallery_id: string }> };
    const image = (await (await fetch(`${studio.url}/api/v1/gallery/${made.data[0]!.gallery_id}`, { headers: { cookie } })).json()) as { creator: string };
    expect(image.creator).toBe('Ana Lima');
  });

  test('a tampered or made-up cookie is refused, and so is a signed cookie of the old kind', async () => {
    passwordMode();
    const cookie = await signIn('Ben');
    const token = cookie.slice('studio_session='.length);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    // The signed cookies of earlier versions (payload.signature) are no longer sessions: everyone signs in once more.
    const legacy = `${Buffer.from(JSON.stringify({ n: 'Ben', e: 9_999_999_999 })).toString('base64url')}.c2lnbmF0dXJl`;
    for (const bad of [flipped, 'nonsense', legacy, 'x'.repeat(43)]) {
      expect((await fetch(`${studio.url}/api/v1/models`, { headers: { cookie: `studio_session=${bad}` } })).status, bad).toBe(401);
    }
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { cookie } })).status).toBe(200);
    // Changing the team password signs everybody out.
    process.env.STUDIO_TEAM_PASSWORD = 'a new password';
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { cookie } })).status).toBe(401);
  });

  test('a wrong password gets the same answer whatever the name, and never says whether the name is known', async () => {
    passwordMode();
    process.env.STUDIO_TRUSTED_PROXIES = '1';
    await signIn('Cleo');
    const answers = await Promise.all(
      ['Cleo', 'Nobody Ever', 'cleo'].map(async (name) => {
        const res = await jsonPost('/api/auth/sign-in', { name, password: 'wrong' }, { 'x-forwarded-for': `10.0.0.${name.length}` });
        return { status: res.status, body: await res.text(), cookie: res.headers.get('set-cookie') };
      }),
    );
    for (const answer of answers) expect(answer).toEqual({ status: 401, body: answers[0]!.body, cookie: null });
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ error: { code: 'wrong_password', param: 'password' } });
  });

  test('sign-in attempts are limited per address, with retry-after; a made-up X-Forwarded-For does not reset the count', async () => {
    passwordMode();
    process.env.STUDIO_SIGN_IN_ATTEMPTS = '3';
    // No trusted proxy: the address is the connection's own (127.0.0.1), whatever the header says.
    for (let i = 0; i < 3; i++)
      expect((await jsonPost('/api/auth/sign-in', { name: 'Guesser', password: `guess ${i}` }, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    const refused = await jsonPost('/api/auth/sign-in', { name: 'Guesser', password: PASSWORD }, { 'x-forwarded-for': '198.51.100.99' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_sign_in_attempts', message: expect.stringMatching(/Try again in \d+ min/) } });

    // Behind one trusted proxy (this test's connection plays it), the address it appends counts.
    process.env.STUDIO_TRUSTED_PROXIES = '1';
    expect((await jsonPost('/api/auth/sign-in', { name: 'Guesser', password: PASSWORD }, { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' })).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await jsonPost('/api/auth/sign-in', { name: 'Guesser', password: `again ${i}` }, { 'x-forwarded-for': `6.6.6.${i}, 203.0.113.7` })).status).toBe(401);
    expect((await jsonPost('/api/auth/sign-in', { name: 'Guesser', password: PASSWORD }, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await jsonPost('/api/auth/sign-in', { name: 'Dana', password: PASSWORD }, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
  });

  test('the studio’s origin is not chosen by a header: same-origin check and Secure cookie', async () => {
    passwordMode();
    const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    // Without a trusted proxy the forwarded host is not the studio's origin…
    expect((await jsonPost('/api/auth/sign-in', { name: 'Hal', password: PASSWORD }, { ...forged, origin: 'https://evil.example' })).status).toBe(403);
    const plain = await jsonPost('/api/auth/sign-in', { name: 'Hal', password: PASSWORD }, forged);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    // …with one, its https scheme makes the cookie Secure.
    process.env.STUDIO_TRUSTED_PROXIES = '1';
    const host = new URL(studio.url).host;
    const proxied = await jsonPost('/api/auth/sign-in', { name: 'Hal', password: PASSWORD }, { 'x-forwarded-host': host, 'x-forwarded-proto': 'https', origin: `https://${host}` });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  test('bad sign-in input gets 400, and a request from another origin 403', async () => {
    passwordMode();
    expect((await jsonPost('/api/auth/sign-in', { name: '   ', password: PASSWORD })).status).toBe(400);
    expect((await jsonPost('/api/auth/sign-in', { name: 'x'.repeat(65), password: PASSWORD })).status).toBe(400);
    expect((await jsonPost('/api/auth/sign-in', { name: 'Eve\u202Eevil', password: PASSWORD })).status).toBe(400);
    expect((await jsonPost('/api/auth/sign-in', { name: 'Eve' })).status).toBe(400);
    expect((await jsonPost('/api/auth/sign-in', { name: 'Eve', password: PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  test('cookie-authenticated changes need the studio’s own Origin (CSRF)', async () => {
    passwordMode();
    const cookie = await signIn('Fay');
    const noOrigin = await fetch(`${studio.url}/api/v1/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(noOrigin.status).toBe(403);
    expect(await noOrigin.json()).toMatchObject({ error: { code: 'cross_origin_request' } });
    expect((await jsonPost('/api/v1/tokens', { name: 'x' }, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await jsonPost('/api/v1/tokens', { name: 'x' }, { cookie })).status).toBe(201);
  });

  test('the SSO header is ignored when it is not configured', async () => {
    passwordMode();
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { 'x-forwarded-user': 'mallory' } })).status).toBe(401);
  });
});

describe('header mode (SSO proxy)', () => {
  test('the configured header names the person; without it, 401', async () => {
    process.env.STUDIO_AUTH_HEADER = 'X-Forwarded-User';
    expect((await fetch(`${studio.url}/api/v1/models`)).status).toBe(401);
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { 'x-forwarded-user': '   ' } })).status).toBe(401);
    // Another header, or a session cookie, does not count.
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { 'x-auth-request-user': 'gus' } })).status).toBe(401);
    const res = await generate({ 'x-forwarded-user': 'gus@example.com' });
    expect(res.status).toBe(200);
    const id = ((await res.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
    const image = (await (await fetch(`${studio.url}/api/v1/gallery/${id}`, { headers: { 'x-forwarded-user': 'gus@example.com' } })).json()) as { creator: string };
    expect(image.creator).toBe('gus@example.com');
  });

  test('a mode asked for but not configured refuses everything rather than falling open', async () => {
    process.env.STUDIO_AUTH_MODE = 'header';
    const res = await fetch(`${studio.url}/api/v1/models`, { headers: { 'x-forwarded-user': 'gus' } });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/X-Forwarded/i);
  });
});

describe('open mode', () => {
  test('everyone is "local", and the SSO header is ignored', async () => {
    const res = await generate({ 'x-forwarded-user': 'mallory' });
    expect(res.status).toBe(200);
    const id = ((await res.json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
    expect(((await (await fetch(`${studio.url}/api/v1/gallery/${id}`)).json()) as { creator: string }).creator).toBe('local');
  });

  test('a browser request from another origin is refused even here', async () => {
    expect((await generate({ origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('personal API tokens', () => {
  test('created in a session, shown once, used from the openai SDK, listed, revoked', async () => {
    passwordMode();
    const cookie = await signIn('Hana');
    const created = await jsonPost('/api/v1/tokens', { name: 'nightly batch' }, { cookie });
    expect(created.status).toBe(201);
    const { token, id, hint } = (await created.json()) as { token: string; id: string; hint: string };
    expect(token).toMatch(/^isk_[A-Za-z0-9_-]{43}$/);
    expect(hint).toBe(`isk_…${token.slice(-4)}`);

    const sdk = new OpenAI({ apiKey: token, baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
    const result = await sdk.images.generate({ model: 'gpt-image-1.5', prompt: 'made by a script', quality: 'low' });
    const galleryId = (result.data![0] as unknown as { gallery_id: string }).gallery_id;
    const image = (await (await fetch(`${studio.url}/api/v1/gallery/${galleryId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { creator: string };
    expect(image.creator).toBe('Hana');
    const mine = (await (await fetch(`${studio.url}/api/v1/gallery?mine=true`, { headers: { cookie } })).json()) as { data: Array<{ id: string; creator: string }> };
    expect(mine.data.map((i) => i.id)).toContain(galleryId);
    expect(new Set(mine.data.map((i) => i.creator))).toEqual(new Set(['Hana']));

    const list = (await (await fetch(`${studio.url}/api/v1/tokens`, { headers: { cookie } })).json()) as { data: Array<Record<string, unknown>> };
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ id, name: 'nightly batch', revoked_at: null, last_used_at: expect.any(String) });
    expect(JSON.stringify(list)).not.toContain(token);

    // A token cannot mint tokens, and nobody else can revoke it.
    expect((await jsonPost('/api/v1/tokens', { name: 'child' }, { authorization: `Bearer ${token}` })).status).toBe(403);
    const other = await signIn('Ivo');
    expect((await fetch(`${studio.url}/api/v1/tokens/${id}`, { method: 'DELETE', headers: { cookie: other, origin: origin() } })).status).toBe(404);

    expect((await fetch(`${studio.url}/api/v1/tokens/${id}`, { method: 'DELETE', headers: { cookie, origin: origin() } })).status).toBe(200);
    const refused = await sdk.images.generate({ model: 'gpt-image-1.5', prompt: 'after revoking', quality: 'low' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });

  test('a revoked or made-up token is refused even in open mode, where other keys are ignored', async () => {
    const made = (await (await jsonPost('/api/v1/tokens', { name: 'short-lived' })).json()) as { token: string; id: string };
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { authorization: `Bearer ${made.token}` } })).status).toBe(200);
    await fetch(`${studio.url}/api/v1/tokens/${made.id}`, { method: 'DELETE' });
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { authorization: `Bearer ${made.token}` } })).status).toBe(401);
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { authorization: `Bearer isk_${'A'.repeat(43)}` } })).status).toBe(401);
    expect((await fetch(`${studio.url}/api/v1/models`, { headers: { authorization: 'Bearer sk-anything' } })).status).toBe(200);
  });
});

describe('who may change what', () => {
  test('only the creator (or an admin) deletes an image; the team can see and share it', async () => {
    passwordMode();
    process.env.STUDIO_ADMINS = 'Root';
    const owner = await signIn('Jun');
    const other = await signIn('Kit');
    const admin = await signIn('Root');
    const id = ((await (await generate({ cookie: owner })).json()) as { data: Array<{ gallery_id: string }> }).data[0]!.gallery_id;
    expect((await fetch(`${studio.url}/api/v1/gallery/${id}`, { headers: { cookie: other } })).status).toBe(200);
    const share = await jsonPost(`/api/v1/gallery/${id}/shares`, {}, { cookie: other });
    expect(share.status).toBe(201);
    const del = await fetch(`${studio.url}/api/v1/gallery/${id}`, { method: 'DELETE', headers: { cookie: other, origin: origin() } });
    expect(del.status).toBe(403);
    expect(await del.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('Jun') } });
    expect((await fetch(`${studio.url}/api/v1/admin/spend`, { headers: { cookie: other } })).status).toBe(403);
    expect((await fetch(`${studio.url}/api/v1/admin/spend`, { headers: { cookie: admin } })).status).toBe(200);
    expect((await fetch(`${studio.url}/api/v1/gallery/${id}`, { method: 'DELETE', headers: { cookie: admin, origin: origin() } })).status).toBe(200);
  });
});

describe('every route', () => {
  /** Route files, found on disk, so a new route cannot be added without a user check. */
  function routeFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? routeFiles(full) : entry === 'route.ts' ? [full] : [];
    });
  }
  // Sign-in itself (password and OIDC) needs no user; share bytes (and a shared board's zip) are opened by their link.
  const PUBLIC = new Set(['app/api/health/route.ts', 'app/api/auth/sign-in/route.ts', 'app/api/auth/oidc/start/route.ts', 'app/api/auth/oidc/callback/route.ts', 'app/s/[token]/image/route.ts', 'app/s/[token]/images/[image]/route.ts', 'app/s/[token]/zip/route.ts']);
  const root = path.resolve(__dirname, '../..');

  test('refuses a caller without a user in password mode (except health, sign-in and share bytes)', async () => {
    passwordMode();
    const files = routeFiles(path.join(root, 'app')).map((f) => path.relative(root, f));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      if (PUBLIC.has(file)) continue;
      const routeModule = (await import(path.join(root, file))) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const handler = routeModule[method] as ((r: Request, c: unknown) => Promise<Response> | Response) | undefined;
        if (!handler) continue;
        const res = await handler(new Request(`${studio.url}/x`, { method, headers: { origin: studio.url } }), { params: Promise.resolve({ id: 'img_x', token: 'x', person: 'x', image: 'img_x', comment: 'cmt_x', path: ['x'], rest: ['x'] }) });
        // 405 is a method the route does not serve at all; sign-out needs no user to end a session.
        if (res.status === 405 || file === 'app/api/auth/sign-out/route.ts') continue;
        expect(res.status, `${method} ${file}`).toBe(401);
      }
    }
  });
});
