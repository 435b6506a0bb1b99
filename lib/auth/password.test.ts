import { expect, test } from 'vitest';
import { cookieValue } from './cookies';
import { passwordMatches } from './password';

test('passwords compare by their digests, so any length compares in the same way', () => {
  expect(passwordMatches('hunter2', 'hunter2')).toBe(true);
  expect(passwordMatches('hunter', 'hunter2')).toBe(false);
  expect(passwordMatches('', 'hunter2')).toBe(false);
  expect(passwordMatches('x'.repeat(10_000), 'hunter2')).toBe(false);
});

test('cookies are read from a Cookie header among others', () => {
  expect(cookieValue('a=1; studio_session=abc.def; b=2', 'studio_session')).toBe('abc.def');
  expect(cookieValue('xstudio_session=1', 'studio_session')).toBeUndefined();
  expect(cookieValue(null, 'studio_session')).toBeUndefined();
});
