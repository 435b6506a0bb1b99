import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * Server-side sessions (password mode here; OIDC makes the same sessions, see
 * oidc.test.ts): sign-out ends the session on the server, a person can end any of their
 * sessions, an admin can end all of someone's.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
const PASSWORD = 'sessions test password';

beforeAll(async () => {
  ({ studio } = await startStudioWithClient());
});
afterAll(() => studio.close());
afterEach(() => {
  for (const name of ['STUDIO_TEAM_PASSWORD', 'STUDIO_ADMINS']) delete process.env[name];
});

const call = (pathname: string, init: RequestInit & { cookie?: string; agent?: string } = {}) =>
  fetch(`${studio.url}${pathname}`, {
    ...init,
    headers: { origin: studio.url, 'content-type': 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.agent ? { 'user-agent': init.agent } : {}) },
  });

async function signIn(name: string, agent = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'): Promise<string> {
  const res = await call('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ name, password: PASSWORD }), agent });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const status = async (cookie: string) => (await call('/api/v1/models', { cookie })).status;
type Listed = { data: Array<{ id: string; device: string; address: string; current: boolean }> };

describe('sessions', () => {
  test('a cookie copied before sign-out is refused after it, at once', async () => {
    process.env.STUDIO_TEAM_PASSWORD = PASSWORD;
    const cookie = await signIn('Ana');
    const copy = cookie;
    expect(await status(copy)).toBe(200);
    const out = await call('/api/auth/sign-out', { method: 'POST', cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^studio_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(await status(copy)).toBe(401);
  });

  test('a person sees their sessions (device, address) and ends one from another browser', async () => {
    process.env.STUDIO_TEAM_PASSWORD = PASSWORD;
    const laptop = await signIn('Ben', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15');
    const phone = await signIn('Ben', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1');
    const listed = (await (await call('/api/v1/sessions', { cookie: laptop })).json()) as Listed;
    expect(listed.data.map((s) => [s.device, s.current]).sort()).toEqual([['Safari on iPhone', false], ['Safari on macOS', true]]);
    expect(listed.data[0]!.address).toBe('127.0.0.1');
    const phoneSession = listed.data.find((s) => !s.current)!;
    // Ending it needs the studio's own Origin, like every change a cookie carries.
    expect((await fetch(`${studio.url}/api/v1/sessions/${phoneSession.id}`, { method: 'DELETE', headers: { cookie: laptop, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call(`/api/v1/sessions/${phoneSession.id}`, { method: 'DELETE', cookie: laptop })).status).toBe(200);
    expect(await status(phone)).toBe(401);
    expect(await status(laptop)).toBe(200);
    // Someone else's session, or one already ended, is simply not found.
    const cleo = await signIn('Cleo');
    const cleos = (await (await call('/api/v1/sessions', { cookie: cleo })).json()) as Listed;
    expect((await call(`/api/v1/sessions/${cleos.data[0]!.id}`, { method: 'DELETE', cookie: laptop })).status).toBe(404);
    expect((await call(`/api/v1/sessions/${phoneSession.id}`, { method: 'DELETE', cookie: laptop })).status).toBe(404);
    expect(await status(cleo)).toBe(200);
  });

  test('an admin ends all sessions of one person; others may not', async () => {
    process.env.STUDIO_TEAM_PASSWORD = PASSWORD;
    process.env.STUDIO_ADMINS = 'Root';
    const dan = [await signIn('Dan'), await signIn('Dan')];
    const eve = await signIn('Eve');
    const root = await signIn('Root');
    expect((await call('/api/v1/admin/people/Dan/sessions', { method: 'DELETE', cookie: eve })).status).toBe(403);
    expect((await call('/api/v1/admin/sessions', { cookie: eve })).status).toBe(403);
    const people = (await (await call('/api/v1/admin/sessions', { cookie: root })).json()) as { data: Array<{ person_id: string; sessions: number }> };
    expect(people.data.find((p) => p.person_id === 'Dan')?.sessions).toBeGreaterThanOrEqual(2);
    const ended = await call('/api/v1/admin/people/Dan/sessions', { method: 'DELETE', cookie: root });
    expect(await ended.json()).toMatchObject({ person_id: 'Dan', ended: 2 });
    for (const cookie of dan) expect(await status(cookie)).toBe(401);
    expect(await status(eve)).toBe(200);
  });

  test('without STUDIO_ADMINS nobody may sign others out', async () => {
    process.env.STUDIO_TEAM_PASSWORD = PASSWORD;
    const fay = await signIn('Fay');
    expect((await call('/api/v1/admin/people/Fay/sessions', { method: 'DELETE', cookie: fay })).status).toBe(403);
  });
});
