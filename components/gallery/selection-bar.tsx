'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { AddToBoard } from '../boards/add-to-board';
import { newBoard } from '../boards/boards-client';
import { useApiError, useFailureText } from '../use-error-text';

/**
 * What can be done with the gallery's selection at once: put it on a board (or make a
 * new board of it), download it as a zip, share it, delete the ones that are yours.
 * A shared selection is a board (one way to share): "Share…" makes one of the selection
 * and opens its share panel, where the link's expiry and hidden prompts are chosen.
 */
export function SelectionBar({ selected, mine, onClear, onDeleted }: { selected: string[]; mine: string[]; onClear: () => void; onDeleted: (ids: string[]) => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const apiError = useApiError();
  const describe = useFailureText();
  const t = useTranslations('selection');
  const format = useFormatter();
  const router = useRouter();
  const share = async () => {
    const name = window.prompt(t('shareName'), t('shareDefault', { date: format.dateTime(new Date(), { day: 'numeric', month: 'short' }) }));
    if (!name?.trim()) return;
    const board = await newBoard(name.trim(), selected);
    if ('problem' in board) return setMessage(describe(board.problem));
    router.push(`/boards/${board.id}#share`);
  };
  const remove = async () => {
    if (!window.confirm(t('confirmDelete', { count: mine.length }))) return;
    const done: string[] = [];
    for (const id of mine) {
      const res = await fetch(`/api/v1/gallery/${id}`, { method: 'DELETE' });
      if (res.ok) done.push(id);
      else setMessage(await apiError(res));
    }
    onDeleted(done);
  };
  return (
    <div role="region" aria-label={t('label')} className="sticky top-2 z-20 flex flex-wrap items-center gap-3 rounded-xl border border-accent bg-white/95 p-3 shadow-lg backdrop-blur dark:bg-zinc-900/95" data-testid="selection-bar">
      <span className="text-sm font-semibold" data-testid="selection-count">
        {t('count', { count: selected.length })}
      </span>
      <AddToBoard imageIds={selected} />
      <a href={`/api/v1/gallery/zip?ids=${selected.slice(0, 200).join(',')}`} download className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-semibold dark:border-zinc-600" data-testid="selection-zip">
        {t('zip')}
      </a>
      <button type="button" onClick={() => void share()} className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-semibold dark:border-zinc-600" data-testid="selection-share">
        {t('share')}
      </button>
      {mine.length > 0 && (
        <button type="button" onClick={() => void remove()} className="rounded-md border border-red-500 px-3 py-1 text-sm font-semibold text-red-600 dark:text-red-400">
          {t('deleteMine', { count: mine.length })}
        </button>
      )}
      <button type="button" onClick={onClear} className="ml-auto text-sm text-zinc-600 hover:underline dark:text-zinc-300">
        {t('clear')}
      </button>
      {message && <span role="alert" className="w-full text-xs text-red-600 dark:text-red-400">{message}</span>}
    </div>
  );
}
