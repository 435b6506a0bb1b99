'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GalleryPageJson } from '@/lib/gallery/list-page';
import { PickButton } from '../boards/pick-button';
import { BoardsSidebar, IMAGES_DRAG_TYPE } from './boards-sidebar';
import { SelectionBar } from './selection-bar';

type Filters = { q: string; model: string; endpoint: string; creator: string; mine: string; inputs: string; picked: string };
type Page = Pick<GalleryPageJson, 'data' | 'next_cursor'>;

const query = (filters: Filters, cursor?: string | null) => {
  const params = new URLSearchParams({ limit: '48' });
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  // The inputs of edits and variations stay out unless asked for (or looked for by name).
  if (filters.inputs !== 'show' && filters.endpoint !== 'uploads') params.set('inputs', 'hide');
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/gallery?${params}`;
};

/**
 * The gallery: thumbnails only, newest first, more loading as you scroll; search by
 * prompt and filter by model, endpoint and creator, or show only "mine". Filters live in
 * the URL so views can be shared.
 */
export function GalleryGrid({ initial, initialFilters, models, creators, me }: { initial: Page; initialFilters: Filters; models: string[]; creators: Array<{ id: string; name: string }>; me: string }) {
  const t = useTranslations('gallery');
  const [filters, setFilters] = useState(initialFilters);
  const [items, setItems] = useState(initial.data);
  const [cursor, setCursor] = useState(initial.next_cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const generation = useRef(0);
  // Selection: click a tile's box, Shift+click for a range, Ctrl/Cmd+A for all shown, Esc to clear.
  const [selected, setSelected] = useState<string[]>([]);
  const anchor = useRef<number | null>(null);
  const toggle = (index: number, range: boolean) => {
    const id = items[index]!.id;
    if (range && anchor.current !== null) {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      const ids = items.slice(from, to + 1).map((i) => i.id);
      setSelected((now) => [...new Set([...now, ...ids])]);
    } else setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));
    anchor.current = index;
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) && (e.target as HTMLInputElement).type !== 'checkbox';
      if (typing) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        setSelected(items.map((i) => i.id));
      } else if (e.key === 'Escape') setSelected([]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items]);
  const first = useRef(true);

  const load = useCallback(async (f: Filters, after: string | null, replace: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const res = await fetch(query(f, after));
      const body = (await res.json()) as Page & { error?: { message: string } };
      if (mine !== generation.current) return;
      if (!res.ok) throw new Error(body.error?.message ?? t('answered', { status: res.status }));
      setItems((prev) => (replace ? body.data : [...prev, ...body.data]));
      setCursor(body.next_cursor);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError((e as Error).message);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [t]);

  // New filters: reload from the first page (debounced while typing) and keep the URL in step.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
      window.history.replaceState(null, '', params.size ? `?${params}` : window.location.pathname);
      void load(filters, null, true);
    }, 250);
    return () => clearTimeout(timer);
  }, [filters, load]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !cursor) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loading) void load(filters, cursor, false);
    }, { rootMargin: '600px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, filters, loading, load]);

  const set = (key: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFilters((f) => ({ ...f, [key]: e.target.value }));

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_220px]">
      <div className="min-w-0 space-y-4">
        <div role="search" className="flex flex-wrap items-end gap-2">
          <label className="flex min-w-60 flex-1 flex-col text-xs font-semibold">
            {t('search')}
            <input type="search" value={filters.q} onChange={set('q')} placeholder={t('searchPlaceholder')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900" />
          </label>
          <label className="flex flex-col text-xs font-semibold">
            {t('model')}
            <select value={filters.model} onChange={set('model')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900">
              <option value="">{t('allModels')}</option>
              {models.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label className="flex flex-col text-xs font-semibold">
            {t('madeBy')}
            <select value={filters.endpoint} onChange={set('endpoint')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900">
              <option value="">{t('anyWay')}</option>
              {(['generations', 'edits', 'variations', 'uploads'] as const).map((e) => <option key={e} value={e}>{t(`endpoints.${e}`)}</option>)}
            </select>
          </label>
          <Toggle pressed={filters.mine === 'true'} onClick={() => setFilters((f) => ({ ...f, mine: f.mine === 'true' ? '' : 'true', creator: '' }))}>
            {t('mine')}
          </Toggle>
          <Toggle pressed={filters.picked === 'mine'} onClick={() => setFilters((f) => ({ ...f, picked: f.picked === 'mine' ? '' : 'mine' }))}>
            {t('myPicks')}
          </Toggle>
          <Toggle pressed={filters.inputs === 'show'} onClick={() => setFilters((f) => ({ ...f, inputs: f.inputs === 'show' ? '' : 'show' }))} title={t('showInputsHint')}>
            {t('showInputs')}
          </Toggle>
          <label className="flex flex-col text-xs font-semibold">
            {t('creator')}
            <select value={filters.creator} disabled={filters.mine === 'true'} onChange={set('creator')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900">
              <option value="">{t('everyone')}</option>
              {creators.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
        </div>
        {error && <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">{error}</p>}
        {selected.length > 0 && (
          <SelectionBar
            selected={selected}
            mine={items.filter((i) => selected.includes(i.id) && i.creator_id === me).map((i) => i.id)}
            onClear={() => setSelected([])}
            onDeleted={(ids) => {
              setItems((all) => all.filter((i) => !ids.includes(i.id)));
              setSelected((now) => now.filter((id) => !ids.includes(id)));
            }}
          />
        )}
        {items.length === 0 && !loading ? (
          <div className="rounded-xl border-2 border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
            {Object.values(filters).some(Boolean) ? t('noMatch') : t('empty')}
          </div>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6" aria-label={t('images')} data-testid="gallery-grid">
            {items.map((item, index) => (
              <li key={item.id} className="relative" data-selected={selected.includes(item.id)}>
                <input
                  type="checkbox"
                  checked={selected.includes(item.id)}
                  onChange={() => {}}
                  onClick={(e) => toggle(index, e.shiftKey)}
                  onKeyDown={(e) => {
                    if (e.key === ' ' && e.shiftKey) {
                      e.preventDefault();
                      toggle(index, true);
                    }
                  }}
                  aria-label={t('select', { name: item.prompt ?? t('image') })}
                  data-testid="select-image"
                  className="absolute left-2 top-2 z-10 h-6 w-6 accent-accent"
                />
                <Link
                  href={`/gallery/${item.id}`}
                  onDragStart={(e) => {
                    // Dragging a selected tile carries the whole selection.
                    const ids = selected.includes(item.id) ? selected : [item.id];
                    e.dataTransfer.setData(IMAGES_DRAG_TYPE, JSON.stringify(ids));
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  className={`group block overflow-hidden rounded-lg border bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-accent dark:bg-zinc-900 ${selected.includes(item.id) ? 'border-accent ring-2 ring-accent' : 'border-zinc-200 dark:border-zinc-800'}`}>
                  {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails are already sized WebP */}
                  <img src={item.thumbnail_url} alt={item.prompt ?? t('imageAlt')} loading="lazy" width={item.width} height={item.height} className="aspect-square w-full object-cover transition group-hover:scale-[1.02]" />
                  <span className="block truncate py-1.5 pl-2 pr-12 text-xs text-zinc-600 dark:text-zinc-300">{item.prompt}</span>
                </Link>
                <span className="absolute bottom-0.5 right-0.5">
                  <PickButton key={`${item.id}:${item.picks}:${item.picked}`} imageId={item.id} picked={item.picked} picks={item.picks} onChange={(picked, picks) => setItems((all) => all.map((i) => (i.id === item.id ? { ...i, picked, picks } : i)))} />
                </span>
              </li>
            ))}
          </ul>
        )}
        <div ref={sentinel} aria-hidden className="h-8" />
        {loading && <p className="text-center text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite">{t('loading')}</p>}
      </div>
      <BoardsSidebar />
    </div>
  );
}

/** A filter that is on or off (Mine, My picks, Show inputs). */
function Toggle({ pressed, onClick, title, children }: { pressed: boolean; onClick: () => void; title?: string; children: React.ReactNode }) {
  return (
    <button type="button" aria-pressed={pressed} onClick={onClick} title={title} className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-white dark:border-zinc-700">
      {children}
    </button>
  );
}
