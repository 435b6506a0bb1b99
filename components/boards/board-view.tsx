'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '../feedback';
import { useApiError } from '../use-error-text';
import { Lightbox } from '../studio/lightbox';
import { useStepKeys } from './use-step-keys';
import { Comments } from './comments';
import { PickButton } from './pick-button';

export type BoardTile = { id: string; prompt: string | null; format: string; before: string | null; picks: number; picked: boolean; comments: number };

/**
 * A board's images in its order. Its owner reorders them by dragging, or from the
 * keyboard (focus a tile, then Alt+← / Alt+→, or its Move buttons), and removes them.
 * Anyone picks; a click opens the lightbox, where the arrow keys step through the board.
 */
export function BoardView({ boardId, initial, total, mayEdit: owner, me }: { boardId: string; initial: BoardTile[]; total: number; mayEdit: boolean; me: string }) {
  const [tiles, setTiles] = useState(initial);
  const apiError = useApiError();
  const t = useTranslations('boards.view');
  // A long board comes in two parts: the first tiles with the page, the rest just after.
  const [complete, setComplete] = useState(initial.length >= total);
  // Only my picks, when asked.
  const [onlyPicks, setOnlyPicks] = useState(false);
  // Reordering needs the whole order, unfiltered.
  const mayEdit = owner && complete && !onlyPicks;
  useEffect(() => {
    if (complete) return;
    let stopped = false;
    void fetch(`/api/v1/boards/${boardId}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ images: Array<{ image_id: string; prompt: string | null; format: string; before_image_id: string | null; picks: number; picked: boolean; comments: number }> }>) : null))
      .then((board) => {
        if (stopped || !board) return;
        setTiles(board.images.map((i) => ({ id: i.image_id, prompt: i.prompt, format: i.format, before: i.before_image_id, picks: i.picks, picked: i.picked, comments: i.comments })));
        setComplete(true);
      });
    return () => {
      stopped = true;
    };
  }, [boardId, complete]);
  const [dragging, setDragging] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  const save = async (next: BoardTile[], moved?: string) => {
    const before = tiles;
    setTiles(next);
    const res = await fetch(`/api/v1/boards/${boardId}/images`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ image_ids: next.map((t) => t.id) }) });
    if (!res.ok) {
      setTiles(before);
      setError(await apiError(res));
      return;
    }
    setError(null);
    if (moved) setAnnounce(t('moved', { position: next.findIndex((tile) => tile.id === moved) + 1, total: next.length }));
  };
  const move = (id: string, to: number) => {
    const from = tiles.findIndex((t) => t.id === id);
    if (from < 0 || to < 0 || to >= tiles.length || to === from) return;
    const next = [...tiles];
    const [tile] = next.splice(from, 1);
    next.splice(to, 0, tile!);
    void save(next, id).then(() => document.querySelector<HTMLElement>(`[data-tile="${id}"] [data-testid="board-open"]`)?.focus());
  };
  const remove = async (id: string) => {
    const res = await fetch(`/api/v1/boards/${boardId}/images/${id}`, { method: 'DELETE' });
    if (!res.ok) return setError(await apiError(res));
    setTiles((all) => all.filter((t) => t.id !== id));
  };

  const shownTiles = onlyPicks ? tiles.filter((t) => t.picked) : tiles;
  const close = useCallback(() => setOpen(null), []);
  useStepKeys(open, setOpen, shownTiles.length);

  if (tiles.length === 0) return <p className="rounded-xl border-2 border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">{t('noImages')}</p>;
  const shown = open === null ? null : shownTiles[open];
  return (
    <>
      <ErrorAlert message={error} />
      <button
        type="button"
        aria-pressed={onlyPicks}
        onClick={() => setOnlyPicks((on) => !on)}
        className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-white dark:border-zinc-700"
      >
        {t('myPicks')}
      </button>
      <p className="sr-only" aria-live="polite">{announce}</p>
      <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label={t('inOrder')} data-testid="board-grid">
        {shownTiles.map((tile, i) => (
          <li
            key={tile.id}
            data-tile={tile.id}
            data-testid="board-tile"
            draggable={mayEdit}
            onDragStart={(e) => {
              setDragging(tile.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', tile.id);
            }}
            onDragOver={(e) => {
              if (dragging && dragging !== tile.id) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging) move(dragging, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
            className={`overflow-hidden rounded-lg border bg-white dark:bg-zinc-900 ${dragging === tile.id ? 'border-accent opacity-50' : 'border-zinc-200 dark:border-zinc-800'}`}
          >
            <button
              type="button"
              data-testid="board-open"
              onClick={() => setOpen(i)}
              onKeyDown={(e) => {
                if (!mayEdit || !e.altKey) return;
                if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(tile.id, i - 1);
                else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(tile.id, i + 1);
                else return;
                e.preventDefault();
              }}
              aria-label={t(mayEdit ? 'openMovable' : 'open', { position: i + 1, name: tile.prompt ?? t('imageAlt') })}
              className="block w-full focus:outline-none focus-visible:ring-2 focus-visible:ring-accent"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails */}
              <img src={`/api/v1/gallery/${tile.id}/thumbnail`} alt="" loading="lazy" draggable={false} className="aspect-square w-full object-cover" />
            </button>
            <div className="flex items-center gap-1 px-2 py-1 text-xs">
              <span className="mr-auto truncate text-zinc-600 dark:text-zinc-300" title={tile.prompt ?? ''}>{tile.prompt}</span>
              <PickButton imageId={tile.id} picked={tile.picked} picks={tile.picks} onChange={(picked, picks) => setTiles((all) => all.map((t) => (t.id === tile.id ? { ...t, picked, picks } : t)))} />
              <a href={`/gallery/${tile.id}`} className="flex items-center gap-0.5 text-zinc-500 dark:text-zinc-400 hover:text-zinc-800 dark:hover:text-zinc-200" aria-label={t('comments', { count: tile.comments })} data-testid="comment-count">
                <svg aria-hidden viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2">
                  <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
                </svg>
                {tile.comments}
              </a>
            </div>
            {mayEdit && (
              <div className="flex justify-between gap-1 border-t border-zinc-100 px-2 py-1 text-[11px] dark:border-zinc-800">
                <button type="button" onClick={() => move(tile.id, i - 1)} disabled={i === 0} aria-label={t('moveEarlier', { name: tile.prompt ?? t('image') })} className="disabled:opacity-30">{t('earlier')}</button>
                <button type="button" onClick={() => void remove(tile.id)} aria-label={t('removeFrom', { name: tile.prompt ?? t('image') })} className="text-red-600 dark:text-red-400">{t('remove')}</button>
                <button type="button" onClick={() => move(tile.id, i + 1)} disabled={i === shownTiles.length - 1} aria-label={t('moveLater', { name: tile.prompt ?? t('image') })} className="disabled:opacity-30">{t('later')}</button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {shown && (
        <Lightbox
          key={shown.id}
          src={`/api/v1/gallery/${shown.id}/image`}
          gif={shown.format === 'gif'}
          before={shown.before ? `/api/v1/gallery/${shown.before}/image` : undefined}
          alt={t('lightboxAlt', { name: shown.prompt ?? t('imageAlt'), position: open! + 1, total: shownTiles.length })}
          onClose={close}
        >
          <p className="mb-2 whitespace-pre-wrap text-zinc-700 dark:text-zinc-200">{shown.prompt}</p>
          <Comments key={shown.id} imageId={shown.id} me={me} />
        </Lightbox>
      )}
    </>
  );
}
