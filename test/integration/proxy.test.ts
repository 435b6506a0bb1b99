import { NextRequest } from 'next/server';
import { afterEach, expect, test } from 'vitest';
import { createSession } from '@/lib/auth/session';
import { authSettings } from '@/lib/auth/settings';
import { proxy } from '@/proxy';

/** The gate in front of pages and routes: redirects pages to sign-in, answers API routes with 401. */
afterEach(() => {
  delete process.env.STUDIO_TEAM_PASSWORD;
  delete process.env.STUDIO_AUTH_HEADER;
});

const at = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://studio.test${path}`, { headers }));
const passes = (res: Response) => res.headers.get('x-middleware-next') === '1';

test('in password mode pages without a session redirect to sign-in, and come back after', () => {
  process.env.STUDIO_TEAM_PASSWORD = 'pw';
  const res = at('/gallery?mine=true');
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('http://studio.test/sign-in?next=%2Fgallery%3Fmine%3Dtrue');
  expect(at('/').headers.get('location')).toBe('http://studio.test/sign-in');
  const cookie = `studio_session=${createSession('Ana', authSettings()).value}`;
  expect(passes(at('/gallery', { cookie }))).toBe(true);
});

test('API routes get 401 in the envelope; a bearer goes on to the route, which checks it', async () => {
  process.env.STUDIO_TEAM_PASSWORD = 'pw';
  const res = at('/api/v1/gallery');
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: 'unauthorized', type: 'invalid_request_error' } });
  expect(passes(at('/api/v1/gallery', { authorization: 'Bearer isk_x' }))).toBe(true);
  // A bearer does not open pages.
  expect(at('/gallery', { authorization: 'Bearer isk_x' }).status).toBe(303);
});

test('share pages, their bytes, health and sign-in are open to everyone', () => {
  process.env.STUDIO_AUTH_HEADER = 'x-forwarded-user';
  for (const path of ['/s/abc', '/s/abc/image', '/api/health', '/sign-in']) expect(passes(at(path)), path).toBe(true);
  expect(at('/settings').status).toBe(303);
  expect(passes(at('/settings', { 'x-forwarded-user': 'ana' }))).toBe(true);
});

test('open mode lets everyone in', () => {
  expect(passes(at('/admin'))).toBe(true);
  expect(passes(at('/api/v1/models'))).toBe(true);
});
