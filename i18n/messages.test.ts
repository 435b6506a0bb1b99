import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error -- a plain ES module script, also run by the build
import { checkMessages } from '../scripts/check-messages.mjs';
import { LOCALES } from './locales';
import { pickLocale } from './pick-locale';

describe('message catalogues', () => {
  test('every language has every English key, and nothing else, in valid ICU syntax', () => {
    expect(checkMessages()).toEqual([]);
  });

  test('a missing key, a stray key and a broken message are each reported', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'messages-'));
    writeFileSync(path.join(dir, 'en.json'), JSON.stringify({ a: { b: 'B', c: '{n, plural, other {#}}' } }));
    writeFileSync(path.join(dir, 'de.json'), JSON.stringify({ a: { c: '{n, plural, other {#' }, d: 'D' }));
    expect(checkMessages(dir)).toEqual(['de: missing a.b', 'de: d is not in English', expect.stringMatching(/^de: a\.c is not a valid message/)]);
  });
});

describe('choosing the language', () => {
  test('a chosen language wins; else the browser’s best match; else English', () => {
    expect(pickLocale('ja', 'de-DE,de;q=0.9')).toBe('ja');
    expect(pickLocale(undefined, 'de-CH,de;q=0.9,en;q=0.5')).toBe('de');
    expect(pickLocale(undefined, 'zh-Hans-CN,zh;q=0.9')).toBe('zh-CN');
    expect(pickLocale(undefined, 'zh-CN')).toBe('zh-CN');
    expect(pickLocale(undefined, 'ja-JP')).toBe('ja');
    expect(pickLocale(undefined, 'fr-FR,fr;q=0.9')).toBe('en');
    expect(pickLocale('xx', null)).toBe('en');
    expect(pickLocale(undefined, ';;;q=x,@@')).toBe('en');
    expect(LOCALES).toContain('en');
  });
});

describe('model descriptions', () => {
  test('every built-in model has its description in the catalogues, the same words as the model catalogue', async () => {
    const { BUILT_IN_CATALOGUE } = await import('@/lib/models/catalogue');
    const en = (await import('../messages/en.json')).default as { models: Record<string, string> };
    for (const model of BUILT_IN_CATALOGUE.models) expect(en.models[model.id.replaceAll('.', '_')], model.id).toBe(model.description);
  });
});
