import { describe, expect, test } from 'vitest';
import { cookieValue, createSession, passwordMatches, readSession } from './session';
import { authSettings } from './settings';

const settings = authSettings({ STUDIO_TEAM_PASSWORD: 'hunter2' });

describe('session cookies', () => {
  test('round-trip the name until they expire', () => {
    const now = Date.UTC(2026, 10, 21);
    const { value, maxAgeSeconds } = createSession('Ana Lima', settings, now);
    expect(maxAgeSeconds).toBe(14 * 86_400);
    expect(readSession(value, settings, now + 1000)).toBe('Ana Lima');
    expect(readSession(value, settings, now + maxAgeSeconds * 1000 + 1)).toBeNull();
  });

  test('are refused when tampered with, or signed under another password or secret', () => {
    const { value } = createSession('Ana', settings);
    const [payload, signature] = value.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ n: 'Root', e: 9_999_999_999 })).toString('base64url');
    expect(readSession(`${forged}.${signature}`, settings)).toBeNull();
    expect(readSession(`${payload}.`, settings)).toBeNull();
    expect(readSession(`${payload}.${signature}x`, settings)).toBeNull();
    expect(readSession(value, authSettings({ STUDIO_TEAM_PASSWORD: 'hunter3' }))).toBeNull();
    expect(readSession(value, authSettings({ STUDIO_TEAM_PASSWORD: 'hunter2', STUDIO_SESSION_SECRET: 's' }))).toBeNull();
    expect(readSession(undefined, settings)).toBeNull();
    expect(readSession('x'.repeat(5000), settings)).toBeNull();
  });

  test('cookies are read from a Cookie header among others', () => {
    expect(cookieValue('a=1; studio_session=abc.def; b=2', 'studio_session')).toBe('abc.def');
    expect(cookieValue('xstudio_session=1', 'studio_session')).toBeUndefined();
    expect(cookieValue(null, 'studio_session')).toBeUndefined();
  });
});

test('passwords compare by their digests, so any length compares in the same way', () => {
  expect(passwordMatches('hunter2', 'hunter2')).toBe(true);
  expect(passwordMatches('hunter', 'hunter2')).toBe(false);
  expect(passwordMatches('', 'hunter2')).toBe(false);
  expect(passwordMatches('x'.repeat(10_000), 'hunter2')).toBe(false);
});
