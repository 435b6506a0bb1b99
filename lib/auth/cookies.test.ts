import { expect, test } from 'vitest';
import { cookieValue } from './cookies';

test('cookies are read from a Cookie header among others', () => {
  expect(cookieValue('a=1; studio_session=abc.def; b=2', 'studio_session')).toBe('abc.def');
  expect(cookieValue('xstudio_session=1', 'studio_session')).toBeUndefined();
  expect(cookieValue(null, 'studio_session')).toBeUndefined();
});
