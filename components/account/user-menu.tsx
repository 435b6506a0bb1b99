'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { AuthMode } from '@/lib/auth/settings';

/**
 * Who is signed in, in the header. Open mode says plainly that nobody signs in; the
 * password and OIDC modes offer sign-out, which ends the session on the server (the SSO
 * proxy owns sign-out in header mode).
 */
export function UserMenu({ name, mode }: { name: string; mode: AuthMode }) {
  const t = useTranslations('shell');
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  if (mode === 'open')
    return (
      <span
        className="rounded-full border border-amber-400 bg-amber-50 px-2.5 py-1 text-xs font-semibold text-amber-900 dark:border-amber-600 dark:bg-amber-950/60 dark:text-amber-200"
        title={t('openModeHint')}
        data-testid="open-mode-badge"
      >
        {t('openMode')}
      </span>
    );
  async function signOut() {
    setBusy(true);
    await fetch('/api/auth/sign-out', { method: 'POST' }).catch(() => {});
    router.replace('/sign-in');
    router.refresh();
  }
  return (
    <span className="flex items-center gap-2 text-sm">
      <span className="max-w-40 truncate text-zinc-600 dark:text-zinc-300" data-testid="signed-in-as" title={t('signedInAs', { name })}>
        {name}
      </span>
      {(mode === 'password' || mode === 'oidc') && (
        <button type="button" onClick={signOut} disabled={busy} className="rounded-lg border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          {t('signOut')}
        </button>
      )}
    </span>
  );
}
