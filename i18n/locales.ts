/**
 * The studio's languages. English is the source: every other catalogue must have each
 * of its keys (`scripts/check-messages.mjs` fails the build otherwise). The language
 * follows the browser's Accept-Language until someone chooses one in the header; the
 * choice is kept in the `NEXT_LOCALE` cookie for a year.
 */
export const LOCALES = ['en', 'de', 'ja', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Each language by its own name, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', ja: '日本語', 'zh-CN': '简体中文' };

export const isLocale = (value: string | undefined | null): value is Locale => LOCALES.includes(value as Locale);
