'use client';

import { useState } from 'react';
import { AddToBoard } from '../boards/add-to-board';
import { apiErrorMessage } from '../feedback';

/**
 * What can be done with the gallery's selection at once: put it on a board (or make a
 * new board of it), download it as a zip, delete the ones that are yours.
 */
export function SelectionBar({ selected, mine, onClear, onDeleted }: { selected: string[]; mine: string[]; onClear: () => void; onDeleted: (ids: string[]) => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const remove = async () => {
    if (!window.confirm(`Delete ${mine.length} image${mine.length === 1 ? '' : 's'} of yours? This cannot be undone.`)) return;
    const done: string[] = [];
    for (const id of mine) {
      const res = await fetch(`/api/v1/gallery/${id}`, { method: 'DELETE' });
      if (res.ok) done.push(id);
      else setMessage(await apiErrorMessage(res));
    }
    onDeleted(done);
  };
  return (
    <div role="region" aria-label="Selection" className="sticky top-2 z-20 flex flex-wrap items-center gap-3 rounded-xl border border-accent bg-white/95 p-3 shadow-lg backdrop-blur dark:bg-zinc-900/95" data-testid="selection-bar">
      <span className="text-sm font-semibold" data-testid="selection-count">
        {selected.length} selected
      </span>
      <AddToBoard imageIds={selected} />
      <a href={`/api/v1/gallery/zip?ids=${selected.slice(0, 200).join(',')}`} download className="rounded-md border border-zinc-300 px-3 py-1 text-sm font-semibold dark:border-zinc-600" data-testid="selection-zip">
        Download .zip
      </a>
      {mine.length > 0 && (
        <button type="button" onClick={() => void remove()} className="rounded-md border border-red-500 px-3 py-1 text-sm font-semibold text-red-600">
          Delete {mine.length} of mine
        </button>
      )}
      <button type="button" onClick={onClear} className="ml-auto text-sm text-zinc-600 hover:underline dark:text-zinc-300">
        Clear (Esc)
      </button>
      {message && <span role="alert" className="w-full text-xs text-red-600">{message}</span>}
    </div>
  );
}
