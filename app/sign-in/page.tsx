import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/account/sign-in-form';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authSettings } from '@/lib/auth/settings';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in · Image Studio' };


export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { mode, header } = authSettings();
  // Only a path on this studio may follow sign-in (no open redirect to another site).
  const next = safeReturnPath((await searchParams).next);
  if (mode === 'open') redirect(next);
  return (
    <main className="mx-auto mt-16 max-w-sm px-4">
      <div className="mb-6 flex items-center gap-2 text-lg font-bold tracking-tight">
        <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-accent to-pink-500" />
        Image Studio
      </div>
      <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="mb-4 text-base font-semibold">Sign in</h1>
        {mode === 'password' ? (
          <SignInForm next={next} />
        ) : (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            This studio signs people in through your organisation&apos;s single sign-on. Open it through the sign-on address your team uses; the
            proxy there tells the studio who you are (header <code className="font-mono text-xs">{header}</code>).
          </p>
        )}
      </div>
    </main>
  );
}
