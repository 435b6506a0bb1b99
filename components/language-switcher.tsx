'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from '@/i18n/locales';

/** The header's language choice: kept in a cookie for a year, applied at once. */
export function LanguageSwitcher() {
  const t = useTranslations('shell');
  const locale = useLocale() as Locale;
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
    startTransition(() => router.refresh());
  };
  return (
    <>
      <label htmlFor={id} className="sr-only">{t('language')}</label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(e) => choose(e.target.value as Locale)}
        data-testid="language"
        className="rounded-lg border border-zinc-300 bg-white px-1.5 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>
        ))}
      </select>
    </>
  );
}
