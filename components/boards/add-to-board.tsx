'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { useFailureText } from '../use-error-text';
import { addToBoard, listBoards, newBoard, type BoardOption } from './boards-client';

/**
 * Puts images on a board: an existing one from the list, or a new one made from them in
 * one step. Reports where they went, with a link.
 */
export function AddToBoard({ imageIds, onDone }: { imageIds: string[]; onDone?: (board: { id: string; name: string }) => void }) {
  const selectId = useId();
  const t = useTranslations('addToBoard');
  const describe = useFailureText();
  const [boards, setBoards] = useState<BoardOption[] | null>(null);
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string; href?: string } | null>(null);
  useEffect(() => {
    let stopped = false;
    void listBoards().then((list) => !stopped && setBoards(list));
    return () => {
      stopped = true;
    };
  }, []);
  const add = async () => {
    let board: { id: string; name: string };
    if (choice === 'new') {
      const made = await newBoard(name.trim(), imageIds);
      if ('problem' in made) return setResult({ ok: false, text: describe(made.problem) });
      board = made;
    } else {
      const problem = await addToBoard(choice, imageIds);
      if (problem) return setResult({ ok: false, text: describe(problem) });
      board = { id: choice, name: boards?.find((b) => b.id === choice)?.name ?? 'the board' };
    }
    setResult({ ok: true, text: t('done', { count: imageIds.length, board: board.name }), href: `/boards/${board.id}` });
    onDone?.(board);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="add-to-board">
      <label className="sr-only" htmlFor={selectId}>{t('board')}</label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
        <option value="">{t('choose', { count: imageIds.length })}</option>
        <option value="new">{t('newFrom', { one: String(imageIds.length === 1) })}</option>
        {boards?.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name} ({b.image_count})
          </option>
        ))}
      </select>
      {choice === 'new' && <input aria-label={t('newName')} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} maxLength={120} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />}
      <button type="button" disabled={!choice || (choice === 'new' && !name.trim())} onClick={() => void add()} className="rounded-md bg-accent px-3 py-1 font-semibold text-white disabled:opacity-40">
        {t('add')}
      </button>
      {result && (
        <span role="status" className={result.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}>
          {result.text} {result.href && <a href={result.href} className="font-semibold underline">{t('open')}</a>}
        </span>
      )}
    </div>
  );
}
