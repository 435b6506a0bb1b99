'use client';

import { useEffect, useId, useState } from 'react';
import { apiErrorMessage } from '../feedback';
import { addToBoard, listBoards, type BoardOption } from './boards-client';

/**
 * Puts images on a board: an existing one from the list, or a new one made from them in
 * one step. Reports where they went, with a link.
 */
export function AddToBoard({ imageIds, onDone }: { imageIds: string[]; onDone?: (board: { id: string; name: string }) => void }) {
  const selectId = useId();
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
  const count = `${imageIds.length} image${imageIds.length === 1 ? '' : 's'}`;
  const add = async () => {
    let board: { id: string; name: string };
    if (choice === 'new') {
      const res = await fetch('/api/v1/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name.trim(), image_ids: imageIds }) });
      if (!res.ok) return setResult({ ok: false, text: await apiErrorMessage(res) });
      board = (await res.json()) as { id: string; name: string };
    } else {
      const problem = await addToBoard(choice, imageIds);
      if (problem) return setResult({ ok: false, text: problem });
      board = { id: choice, name: boards?.find((b) => b.id === choice)?.name ?? 'the board' };
    }
    setResult({ ok: true, text: `${count} on ${board.name}.`, href: `/boards/${board.id}` });
    onDone?.(board);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="add-to-board">
      <label className="sr-only" htmlFor={selectId}>Board</label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
        <option value="">Add {count} to a board…</option>
        <option value="new">New board from {imageIds.length === 1 ? 'this image' : 'the selection'}…</option>
        {boards?.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name} ({b.image_count})
          </option>
        ))}
      </select>
      {choice === 'new' && <input aria-label="New board’s name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Board name" maxLength={120} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />}
      <button type="button" disabled={!choice || (choice === 'new' && !name.trim())} onClick={() => void add()} className="rounded-md bg-accent px-3 py-1 font-semibold text-white disabled:opacity-40">
        Add
      </button>
      {result && (
        <span role="status" className={result.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600'}>
          {result.text} {result.href && <a href={result.href} className="font-semibold underline">Open the board</a>}
        </span>
      )}
    </div>
  );
}
