import { NextRequest } from 'next/server';
import { afterEach, expect, test } from 'vitest';
import { proxy } from '@/proxy';

/** The gate in front of pages: redirects to sign-in without a user, and sets the CSP. */
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
  // With a session cookie the page is reached; the page checks the session itself (pageUser).
  expect(passes(at('/gallery', { cookie: 'studio_session=abc' }))).toBe(true);
});

test('a bearer token does not open pages (tokens are for the API, whose routes check them)', () => {
  process.env.STUDIO_TEAM_PASSWORD = 'pw';
  expect(at('/gallery', { authorization: 'Bearer isk_x' }).status).toBe(303);
});

test('API routes are left to their handlers, which refuse a caller without a user themselves', async () => {
  const { config } = await import('@/proxy');
  // The matcher as the regular expression Next.js reads it as.
  const matcher = new RegExp(`^${config.matcher[0]!.replace('/((?!', '/(?!(?:').replace(').*)', ')).*')}$`);
  expect(matcher.test('/api/v1/gallery')).toBe(false);
  expect(matcher.test('/_next/static/chunks/a.js')).toBe(false);
  expect(matcher.test('/gallery')).toBe(true);
  expect(matcher.test('/s/abc')).toBe(true);
});

test('share pages, their bytes, health and sign-in are open to everyone', () => {
  process.env.STUDIO_AUTH_HEADER = 'x-forwarded-user';
  for (const path of ['/s/abc', '/s/abc/image', '/sign-in']) expect(passes(at(path)), path).toBe(true);
  expect(at('/settings').status).toBe(303);
  expect(passes(at('/settings', { 'x-forwarded-user': 'ana' }))).toBe(true);
});

test('open mode lets everyone in', () => {
  expect(passes(at('/admin'))).toBe(true);
});
