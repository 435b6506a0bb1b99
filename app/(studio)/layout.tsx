import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/language-switcher';
import { UserMenu } from '@/components/account/user-menu';
import { RunsIndicator } from '@/components/runs/runs-indicator';
import { ThemeToggle } from '@/components/studio/theme-toggle';
import { pageUser } from '@/lib/auth/page';
import { isAdmin } from '@/lib/auth/require';
import { authSettings } from '@/lib/auth/settings';

const navLink = 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white';

/** The team's own pages (studio, editor, gallery, settings, admin), with navigation and who is signed in. */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const who = await pageUser();
  const { mode } = authSettings();
  const t = await getTranslations('shell');
  return (
    <>
      <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="mr-auto flex shrink-0 items-center gap-2 text-lg font-bold tracking-tight sm:mr-0">
            <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-accent to-pink-500" />
            {t('brand')}
          </Link>
          <nav aria-label={t('mainNav')} className="order-last flex w-full flex-wrap gap-x-4 gap-y-1 text-sm font-medium sm:order-none sm:mr-auto sm:ml-6 sm:w-auto">
            <Link href="/" className={navLink}>{t('nav.studio')}</Link>
            <Link href="/edit" className={navLink}>{t('nav.edit')}</Link>
            <Link href="/gallery" className={navLink}>{t('nav.gallery')}</Link>
            <Link href="/boards" className={navLink}>{t('nav.boards')}</Link>
            <Link href="/settings" className={navLink}>{t('nav.settings')}</Link>
            {isAdmin(who) && <Link href="/admin" className={navLink}>{t('nav.spend')}</Link>}
          </nav>
          <RunsIndicator />
          <UserMenu name={who.name} mode={mode} />
          <LanguageSwitcher />
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
