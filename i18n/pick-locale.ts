import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales';

/** The chosen language if there is one, else the browser's best match, else English. */
export function pickLocale(chosen: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  const asked = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).languages().filter((l) => l !== '*');
  try {
    return match(asked, LOCALES, DEFAULT_LOCALE) as Locale;
  } catch {
    return DEFAULT_LOCALE; // a malformed tag in the header
  }
}
