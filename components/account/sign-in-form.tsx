'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { safeReturnPath } from '@/lib/auth/return-path';
import { useHydrated } from '../use-hydrated';

/** Password mode: a display name (shown on everything you make) and the team password. */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('signIn');
  const hydrated = useHydrated();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
      if (res.ok) {
        window.location.assign(safeReturnPath(next));
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? t('failed', { status: res.status }));
      setPassword('');
    } catch {
      setError(t('unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const field = 'mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900';
  // POST, so a submit before the script runs never puts the password in an address.
  return (
    <form method="post" onSubmit={submit} className="space-y-4" aria-describedby={error ? 'sign-in-error' : undefined}>
      <label className="block text-sm font-semibold">
        {t('yourName')}
        <input name="name" autoComplete="nickname" required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} className={field} />
        <span className="mt-1 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{t('nameHint')}</span>
      </label>
      <label className="block text-sm font-semibold">
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} className={field} />
      </label>
      {error && (
        <p id="sign-in-error" role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !hydrated} className="w-full rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong disabled:opacity-60">
        {busy ? t('signingIn') : t('submit')}
      </button>
    </form>
  );
}
