import { expect, test } from 'vitest';
import { sameSecret } from './same-secret';

test('secrets compare by their digests, so any length compares in the same way', () => {
  expect(sameSecret('hunter2', 'hunter2')).toBe(true);
  expect(sameSecret('hunter', 'hunter2')).toBe(false);
  expect(sameSecret('', 'hunter2')).toBe(false);
  expect(sameSecret('x'.repeat(10_000), 'hunter2')).toBe(false);
});
