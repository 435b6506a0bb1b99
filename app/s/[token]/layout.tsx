import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

/** A share link's page stands alone: no navigation, nothing else of the gallery. */
export default async function SharedLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('shared');
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      {children}
      <p className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">{t('footer')}</p>
    </main>
  );
}
