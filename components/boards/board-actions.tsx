'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ErrorAlert } from '../feedback';
import { useApiError } from '../use-error-text';

/** Download the board as a zip; for its owner, rename and delete (its images stay in the gallery). */
export function BoardActions({ boardId, name, mayEdit, hasImages }: { boardId: string; name: string; mayEdit: boolean; hasImages: boolean }) {
  const apiError = useApiError();
  const router = useRouter();
  const [newName, setNewName] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations('boards');
  const call = async (method: string, body?: unknown) => {
    const res = await fetch(`/api/v1/boards/${boardId}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) setError(await apiError(res));
    return res.ok;
  };
  return (
    <section className="space-y-3 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      {hasImages && (
        <a href={`/api/v1/boards/${boardId}/zip`} download className="block rounded-md bg-zinc-900 px-3 py-1.5 text-center font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900" data-testid="board-zip">
          {t('zip')}
        </a>
      )}
      {mayEdit && (
        <>
          <form
            className="flex gap-2"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await call('PATCH', { name: newName.trim() })) router.refresh();
            }}
          >
            <label htmlFor="board-rename" className="sr-only">{t('boardName')}</label>
            <input id="board-rename" value={newName} maxLength={120} onChange={(e) => setNewName(e.target.value)} className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
            <button type="submit" disabled={!newName.trim() || newName.trim() === name} className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-semibold disabled:opacity-40 dark:border-zinc-600">{t('rename')}</button>
          </form>
          <button
            type="button"
            onClick={async () => {
              if (window.confirm(t('confirmDelete', { name })) && (await call('DELETE'))) router.push('/boards');
            }}
            className="rounded-md border border-red-500 px-2 py-1 text-xs font-medium text-red-600 dark:text-red-400 hover:bg-red-50 dark:hover:bg-red-950"
          >
            {t('delete')}
          </button>
        </>
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
