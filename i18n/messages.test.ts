import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error -- a plain ES module script, also run by the build
import { checkMessages } from '../scripts/check-messages.mjs';
import { IntlMessageFormat } from 'intl-messageformat';
import { availability } from '@/lib/models/availability';
import { validateImageRequest } from '@/lib/images/schema';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { buildCatalogue } from '@/lib/models/registry';
import en from '../messages/en.json';
import { LOCALES } from './locales';

const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);
/** An English message of the catalogue, formatted as a page would. */
const english = (message: string, values?: Record<string, string | number>) => new IntlMessageFormat(message, 'en').format(values) as string;
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
  test('every built-in model has its description in the catalogues, the same words as the model catalogue', () => {
    for (const model of BUILT_IN_CATALOGUE.models) expect((en.models as Record<string, string>)[model.id.replaceAll('.', '_')], model.id).toBe(model.description);
  });
});

describe('request problems', () => {
  test('each problem the schema finds says in English, through the catalogue, what the API says on the wire', () => {
    const bodies = [
      { model: 'gpt-image-2', prompt: 'x', size: '1000x1000' },
      { model: 'gpt-image-2', prompt: 'x', size: '4096x1024' },
      { model: 'gpt-image-2', prompt: 'x', size: 'big' },
      { model: 'dall-e-3', prompt: 'x', size: 'auto' },
      { model: 'dall-e-3', prompt: 'x', size: '1536x1024' },
      { model: 'dall-e-2', prompt: 'x'.repeat(1001) },
      { model: 'gpt-image-1', prompt: 'x', background: 'transparent', output_format: 'jpeg' },
      { model: 'gpt-image-1', prompt: '' },
      { model: 'gpt-image-2.6-flare', prompt: 'x', output_format: 'gif', stream: true },
      { model: 'gpt-image-2.6-flare', prompt: 'x', frame_count: 4 },
      { model: 'gpt-image-2.6-flare', prompt: 'x', output_format: 'svg', n: 2 },
      { model: 'gpt-image-2.6-flare', prompt: 'x', output_format: 'gif', size: '1024x1024' },
    ];
    const keys = new Set<string>();
    for (const body of bodies) {
      const result = validateImageRequest(catalogue, 'generations', body);
      expect(result.ok, JSON.stringify(body)).toBe(false);
      if (result.ok) continue;
      const issue = result.issues[0]!;
      expect(issue.problem, issue.message).toBeDefined();
      keys.add(issue.problem!.key);
      const said = english(en.problems[issue.problem!.key], issue.problem!.values);
      // Sizes are prefixed on the wire by the model's name; the page shows them beside the model's own size control.
      expect(issue.message.replace(/^[^:]+: (?=.*(size|pixels|aspect|multiples|auto))/i, '')).toBe(said);
    }
    expect(keys.size).toBeGreaterThanOrEqual(11);
  });
});

describe('retired models', () => {
  test('the English catalogue says why a retired model is or is not usable as the server does', () => {
    const retired = catalogue.models.filter((m) => m.retired);
    expect(retired.length).toBeGreaterThan(0);
    for (const model of retired)
      for (const upstream of ['openai', 'gateway', 'simulator'] as const) {
        const found = availability(model, upstream);
        expect(english(en.studio.model[upstream === 'openai' ? 'retiredRefused' : 'retiredServed'], found.retired)).toBe(found.reason);
      }
  });
});
