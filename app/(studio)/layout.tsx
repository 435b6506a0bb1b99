import Link from 'next/link';
import type { ReactNode } from 'react';
import { ThemeToggle } from '@/components/studio/theme-toggle';

/** The team's own pages: studio and gallery, with navigation between them. */
export default function StudioLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight">
            <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-accent to-pink-500" />
            Image Studio
          </Link>
          <nav aria-label="Main" className="mr-auto ml-6 flex gap-4 text-sm font-medium">
            <Link href="/" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">Studio</Link>
            <Link href="/edit" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">Edit</Link>
            <Link href="/gallery" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">Gallery</Link>
          </nav>
          <ThemeToggle />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
