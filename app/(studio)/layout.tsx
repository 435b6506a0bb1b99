import Link from 'next/link';
import type { ReactNode } from 'react';
import { UserMenu } from '@/components/account/user-menu';
import { ThemeToggle } from '@/components/studio/theme-toggle';
import { pageUser } from '@/lib/auth/page';
import { isAdmin } from '@/lib/auth/require';
import { authSettings } from '@/lib/auth/settings';

const navLink = 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white';

/** The team's own pages (studio, editor, gallery, settings, admin), with navigation and who is signed in. */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const who = await pageUser();
  const { mode } = authSettings();
  return (
    <>
      <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight">
            <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-accent to-pink-500" />
            Image Studio
          </Link>
          <nav aria-label="Main" className="mr-auto ml-6 flex gap-4 text-sm font-medium">
            <Link href="/" className={navLink}>Studio</Link>
            <Link href="/edit" className={navLink}>Edit</Link>
            <Link href="/gallery" className={navLink}>Gallery</Link>
            <Link href="/settings" className={navLink}>Settings</Link>
            {isAdmin(who) && <Link href="/admin" className={navLink}>Spend</Link>}
          </nav>
          <UserMenu name={who.name} mode={mode} />
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
