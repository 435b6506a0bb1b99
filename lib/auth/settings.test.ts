import { describe, expect, test } from 'vitest';
import { bearerOf, identityFromHeaders, isPublicPath, mayReachPage } from './identity';
import { normaliseName } from './names';
import { AuthConfigError, authSettings } from './settings';

describe('the sign-in mode', () => {
  test('OIDC when an issuer is configured, checked before anything is served', () => {
    const oidc = authSettings({ STUDIO_OIDC_ISSUER: 'https://accounts.google.com', STUDIO_OIDC_CLIENT_ID: 'id', STUDIO_OIDC_CLIENT_SECRET: 's', STUDIO_OIDC_ALLOWED_DOMAINS: '@Team.example, other.example' });
    expect(oidc).toMatchObject({ mode: 'oidc', oidc: { issuer: 'https://accounts.google.com', scopes: 'openid email profile', allowedDomains: ['team.example', 'other.example'], label: 'accounts.google.com' } });
    expect(() => authSettings({ STUDIO_OIDC_ISSUER: 'https://idp.example' })).toThrow(/STUDIO_OIDC_CLIENT_ID/);
    expect(() => authSettings({ STUDIO_OIDC_ISSUER: 'http://idp.example', STUDIO_OIDC_CLIENT_ID: 'id' })).toThrow(/https/);
    expect(authSettings({ STUDIO_OIDC_ISSUER: 'http://127.0.0.1:9999', STUDIO_OIDC_CLIENT_ID: 'id' }).mode).toBe('oidc');
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'oidc' })).toThrow(/STUDIO_OIDC_ISSUER/);
  });

  test('follows what is configured, open when nothing is', () => {
    expect(authSettings({}).mode).toBe('open');
    expect(authSettings({ STUDIO_TEAM_PASSWORD: 'p' }).mode).toBe('password');
    expect(authSettings({ STUDIO_AUTH_HEADER: 'X-Forwarded-User' })).toMatchObject({ mode: 'header', header: 'x-forwarded-user' });
    expect(authSettings({ STUDIO_AUTH_MODE: 'open', STUDIO_TEAM_PASSWORD: 'p' }).mode).toBe('open');
  });

  test('refuses a mode asked for but not configured, rather than falling open', () => {
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'password' })).toThrow(AuthConfigError);
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'header' })).toThrow(/STUDIO_AUTH_HEADER/);
    expect(() => authSettings({ STUDIO_AUTH_MODE: 'sso' })).toThrow(/open, password, header or oidc/);
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
    expect(identityFromHeaders(headers({ 'x-forwarded-user': ' ana@example.com ' }), sso)).toEqual({ id: 'ana@example.com', name: 'ana@example.com', via: 'header' });
    expect(identityFromHeaders(headers({ 'x-forwarded-email': 'ana@example.com' }), sso)).toBeNull();
    expect(identityFromHeaders(headers({ 'x-forwarded-user': 'ana' }), authSettings({ STUDIO_TEAM_PASSWORD: 'p' }))).toBeNull();
    expect(identityFromHeaders(headers({ 'x-forwarded-user': 'ana' }), authSettings({}))).toEqual({ id: 'local', name: 'local', via: 'open' });
  });

  test('a page is reached in session modes only with a session cookie (the page checks it)', () => {
    const password = authSettings({ STUDIO_TEAM_PASSWORD: 'p' });
    expect(mayReachPage(headers({}), password)).toBe(false);
    expect(mayReachPage(headers({ cookie: 'studio_session=abc' }), password)).toBe(true);
    expect(mayReachPage(headers({}), authSettings({}))).toBe(true);
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
