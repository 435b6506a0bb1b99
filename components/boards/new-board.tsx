'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useApiError } from '../use-error-text';

/** "New board": a name, then straight to the (empty) board. */
export function NewBoard() {
  const apiError = useApiError();
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations('boards');
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await fetch('/api/v1/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name.trim() }) });
        if (!res.ok) return setError(await apiError(res));
        router.push(`/boards/${((await res.json()) as { id: string }).id}`);
      }}
    >
      <label htmlFor="new-board" className="sr-only">{t('newName')}</label>
      <input id="new-board" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder={t('newName')} className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
      <button type="submit" disabled={!name.trim()} className="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-40">{t('new')}</button>
      {error && <span role="alert" className="text-xs text-red-600 dark:text-red-400">{error}</span>}
    </form>
  );
}
