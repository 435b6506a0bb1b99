import { describe, expect, test } from 'vitest';
import { bearerOf, identityFromHeaders, isPublicPath } from './identity';
import { normaliseName } from './names';
import { AuthConfigError, authSettings } from './settings';

describe('the sign-in mode', () => {
  test('follows what is configured, open when nothing is', () => {
    expect(authSettings({}).mode).toBe('open');
    expect(authSettings({ STUDIO_TEAM_PASSWORD: 'p' }).mode).toBe('password');
    expect(authSettings({ STUDIO_AUTH_HEADER: 'X-Forwarded-User' })).toMatchObject({ mode: 'header', header: 'x-forwarded-user' });
    expect(authSettings({ STUDIO_AUTH_MODE: 'open', STUDIO_TEAM_PASSWORD: 'p' }).mode).toBe('open');
  });

  test('refuses a mode asked for but not configured, rather than falling open', () => {
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'password' })).toThrow(AuthConfigError);
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'header' })).toThrow(/STUDIO_AUTH_HEADER/);
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'sso' })).toThrow(/open, password or header/);
    expect(() => authSettings({ STUDIO_AUTH_HEADER: 'X User' })).toThrow(/not a header name/);
  });

  test('admins are a list of names, or nobody in particular', () => {
    expect(authSettings({}).admins).toBeNull();
    expect(authSettings({ STUDIO_ADMINS: 'Ana, Ben ,' }).admins).toEqual(['Ana', 'Ben']);
  });
});

describe('identity from headers', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  test('the SSO header counts only in header mode, and only the configured one', () => {
    const sso = authSettings({ STUDIO_AUTH_HEADER: 'x-forwarded-user' });
    expect(identityFromHeaders(headers({ 'x-forwarded-user': ' ana@example.com ' }), sso)).toEqual({ name: 'ana@example.com', via: 'header' });
    expect(identityFromHeaders(headers({ 'x-forwarded-email': 'ana@example.com' }), sso)).toBeNull();
    expect(identityFromHeaders(headers({ 'x-forwarded-user': 'ana' }), authSettings({ STUDIO_TEAM_PASSWORD: 'p' }))).toBeNull();
    expect(identityFromHeaders(headers({ 'x-forwarded-user': 'ana' }), authSettings({}))).toEqual({ name: 'local', via: 'open' });
  });

  test('bearer credentials and public paths', () => {
    expect(bearerOf(headers({ authorization: 'Bearer isk_abc' }))).toBe('isk_abc');
    expect(bearerOf(headers({ authorization: 'Basic abc' }))).toBeNull();
    for (const p of ['/s/abc', '/s/abc/image', '/sign-in']) expect(isPublicPath(p)).toBe(true);
    for (const p of ['/', '/gallery', '/sign-in-x', '/settings', '/admin']) expect(isPublicPath(p)).toBe(false);
  });
});

test('names are normalised and kept printable', () => {
  expect(normaliseName('  Ana \t Lima ')).toBe('Ana Lima');
  expect(normaliseName('Zoe\u0301')).toBe('Zoé');
  for (const bad of ['', '   ', 'x'.repeat(65), 'a\u202Eb', 'a\u0000b', 42, null]) expect(normaliseName(bad)).toBeNull();
});
