'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { addToBoard, listBoards, type BoardOption } from '../boards/boards-client';
import { useFailureText } from '../use-error-text';

/** The drag type gallery tiles carry: the image ids (the selection, when the tile is in it). */
export const IMAGES_DRAG_TYPE = 'application/x-image-studio-images';

/**
 * The boards beside the gallery, as drop targets: drag a tile (or the selection) onto
 * one to add it. (From the keyboard, the selection bar's board menu does the same.)
 */
export function BoardsSidebar() {
  const t = useTranslations('gallery.sidebar');
  const describe = useFailureText();
  const [boards, setBoards] = useState<BoardOption[]>([]);
  const [over, setOver] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = () => listBoards().then(setBoards);
  useEffect(() => {
    void load();
  }, []);
  const drop = async (board: BoardOption, ids: string[]) => {
    const problem = await addToBoard(board.id, ids);
    setStatus(problem ? describe(problem) : t('added', { count: ids.length, board: board.name }));
    if (!problem) void load();
  };
  if (boards.length === 0) return null;
  return (
    <aside aria-label={t('label')} className="space-y-2" data-testid="boards-sidebar">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('title')}</h2>
      <ul className="space-y-1.5">
        {boards.map((b) => (
          <li
            key={b.id}
            data-testid="board-drop"
            data-board={b.id}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(IMAGES_DRAG_TYPE)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
              setOver(b.id);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const ids = (JSON.parse(e.dataTransfer.getData(IMAGES_DRAG_TYPE) || '[]') as string[]).slice(0, 500);
              if (ids.length) void drop(b, ids);
            }}
            className={`flex items-center gap-2 rounded-lg border p-1.5 text-sm transition ${over === b.id ? 'border-accent bg-accent-soft dark:bg-accent/20' : 'border-zinc-200 dark:border-zinc-800'}`}
          >
            {b.cover_url ? (
              // eslint-disable-next-line @next/next/no-img-element -- the cover's thumbnail
              <img src={b.cover_url} alt="" className="h-9 w-9 rounded object-cover" />
            ) : (
              <span aria-hidden className="h-9 w-9 rounded bg-zinc-100 dark:bg-zinc-800" />
            )}
            <a href={`/boards/${b.id}`} className="min-w-0 flex-1 truncate hover:underline">
              {b.name}
            </a>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{b.image_count}</span>
          </li>
        ))}
      </ul>
      {status && <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="drop-status">{status}</p>}
    </aside>
  );
}
