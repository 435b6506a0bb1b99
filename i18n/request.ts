import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE } from './locales';
import { pickLocale } from './pick-locale';

/** Each request's language and its messages, for server components (next-intl). */
export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  // One time zone for server and browser renders, so a date never differs between the two
  // (a hydration mismatch); UTC, as the studio's budgets and times have always been shown.
  return { locale, timeZone: 'UTC', messages: (await import(`../messages/${locale}.json`)).default };
});
