import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { makeShowcase, showcasePages, sourceImage, startedRun } from './helpers';
import { TEAM_URL } from './servers';

/**
 * Every page in German, Japanese and Simplified Chinese, with images, runs and boards in
 * it: no English left. Two checks on what a person sees or hears (text, and the alt,
 * aria-label, title and placeholder attributes):
 * - no English message of the catalogue appears where the language has its own words;
 * - in Japanese and Chinese, no run of three English words at all, except what people
 *   wrote (prompts, board names, comments: read back from the API) and product names.
 */
type Catalogue = Record<string, unknown>;
const read = (locale: string) => JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Catalogue;
const flatten = (tree: Catalogue, prefix = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v as Catalogue, `${prefix}${k}.`)));

/** The longest literal piece of each English message that the language says differently (placeholders and plural forms cut out). */
function englishFragments(locale: string): Array<[string, string]> {
  const own = new Map(flatten(read(locale)));
  return flatten(read('en')).flatMap(([key, english]) => {
    if (own.get(key) === english) return [];
    const longest = english.split(/\{[^{}]*\}|[{}#]|<\/?\w+>/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
    return longest.length >= 12 && /[a-z]{3}/.test(longest) ? [[key, longest] as [string, string]] : [];
  });
}

/** What the page shows and says: visible text, then the attributes that are read out. */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[alt], [aria-label], [title], [placeholder]')].flatMap((el) =>
      ['alt', 'aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a)).filter((v): v is string => Boolean(v)),
    );
    return [...document.body.innerText.split('\n'), ...attributes, document.title].map((s) => s.trim()).filter(Boolean);
  });

/** Prompts, board names and descriptions, comments: people's own words, in whatever language they wrote them. */
async function peoplesWords(page: Page, base = ''): Promise<string[]> {
  const words: string[] = [];
  const gallery = await page.request.get(`${base}/api/v1/gallery?limit=100`);
  if (gallery.ok()) for (const item of ((await gallery.json()) as { data: Array<{ prompt: string | null; revised_prompt?: string | null }> }).data) words.push(item.prompt ?? '', item.revised_prompt ?? '');
  const runs = await page.request.get(`${base}/api/v1/runs?limit=100`);
  if (runs.ok()) for (const run of ((await runs.json()) as { data: Array<{ prompt: string | null }> }).data) words.push(run.prompt ?? '');
  const boards = await page.request.get(`${base}/api/v1/boards`);
  if (boards.ok()) for (const board of ((await boards.json()) as { data: Array<{ name: string; description: string | null }> }).data) words.push(board.name, board.description ?? '');
  return words.filter(Boolean);
}

/** Names that stay as they are in every language. */
const PRODUCT_NAMES = /Image Studio|GPT Image[\w. ]*|DALL·E \d|gpt-image[\w.-]*|dall-e-\d|OpenAI|Images API|Team SSO/g;

async function englishLeft(page: Page, locale: string, fragments: Array<[string, string]>, base = ''): Promise<string[]> {
  const lines = await pageText(page);
  const mine = await peoplesWords(page, base);
  const own = (line: string) => mine.some((w) => w.includes(line) || line.includes(w.slice(0, 60)));
  const found: string[] = [];
  for (const line of lines) {
    if (own(line)) continue;
    for (const [key, fragment] of fragments) if (line.includes(fragment)) found.push(`${key}: "${fragment}" in "${line}"`);
    if (locale === 'ja' || locale === 'zh-CN') {
      const words = line.replace(PRODUCT_NAMES, ' ').match(/\b[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}/g);
      if (words) found.push(...words.map((w) => `"${w}" in "${line}"`));
    }
  }
  return [...new Set(found)];
}

for (const locale of ['de', 'ja', 'zh-CN'] as const) {
  test(`every page in ${locale}: no English left`, async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    const fragments = englishFragments(locale);
    expect(fragments.length).toBeGreaterThan(100);
    // Content in the page's language, as its people would write it.
    const prompt = { de: 'Ein Fuchs im Schnee', ja: '雪の中のキツネ', 'zh-CN': '雪中的狐狸' }[locale];
    const showcase = await makeShowcase(page, prompt);
    await page.request.post(`/api/v1/gallery/${showcase.image}/comments`, { data: { text: prompt } });
    // The language as the header's switcher remembers it.
    await context.addCookies([baseURL!, TEAM_URL].map((url) => ({ name: 'NEXT_LOCALE', value: locale, url })));

    // The studio with a run in its feed.
    await page.goto('/');
    await page.locator('textarea').first().fill(prompt);
    await page.locator('textarea').first().press('Control+Enter');
    await expect(await startedRun(page)).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
    const found: Record<string, string[]> = { studio: await englishLeft(page, locale, fragments) };

    for (const [name, path] of showcasePages(showcase)) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      found[name] = await englishLeft(page, locale, fragments);
    }
    await page.goto('/edit');
    await page.getByTestId('file-input').setInputFiles(await sourceImage());
    await page.waitForFunction(() => window.__imageStudioEditor?.state().view != null);
    found.editor = await englishLeft(page, locale, fragments);
    await page.goto(`${TEAM_URL}/sign-in`);
    found['sign-in'] = await englishLeft(page, locale, fragments, TEAM_URL);

    expect(Object.fromEntries(Object.entries(found).filter(([, left]) => left.length))).toEqual({});
  });
}
