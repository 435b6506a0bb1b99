import { expect, test } from 'vitest';
import { safetyIdentifier, safetyIdentifierKey, withSafetyIdentifier } from './safety-identifier';

test('one person, one identifier: stable, distinct per person and per key, and not the name', () => {
  const key = safetyIdentifierKey({ OPENAI_API_KEY: 'sk-test' });
  const ana = safetyIdentifier('ana', key);
  expect(safetyIdentifier('ana', key)).toBe(ana);
  expect(safetyIdentifier('ben', key)).not.toBe(ana);
  expect(safetyIdentifier('ana', safetyIdentifierKey({ OPENAI_API_KEY: 'sk-other' }))).not.toBe(ana);
  expect(ana).toMatch(/^studio_[A-Za-z0-9_-]{43}$/);
  expect(ana.length).toBeLessThanOrEqual(64);
  expect(ana).not.toContain('ana');
});

test('an explicit key wins over the one derived from the API key, so rotating the API key can keep identifiers', () => {
  expect(safetyIdentifierKey({ OPENAI_API_KEY: 'sk-a', STUDIO_SAFETY_ID_KEY: 'fixed' })).toBe('fixed');
  expect(safetyIdentifierKey({ OPENAI_API_KEY: 'sk-a' })).not.toBe(safetyIdentifierKey({ OPENAI_API_KEY: 'sk-b' }));
});

test('the identifier goes in the field the model lists, replacing what a client sent', () => {
  expect(withSafetyIdentifier({ prompt: 'x', safety_identifier: 'theirs' }, { safety_identifier: {}, user: {} }, 'ours')).toEqual({ prompt: 'x', safety_identifier: 'ours' });
  expect(withSafetyIdentifier({ prompt: 'x', user: 'theirs' }, { user: {} }, 'ours')).toEqual({ prompt: 'x', user: 'ours' });
  expect(withSafetyIdentifier({ prompt: 'x' }, {}, 'ours')).toEqual({ prompt: 'x' });
});
