'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GalleryImageJson } from '@/lib/gallery/api';

type Filters = { q: string; model: string; endpoint: string; creator: string; mine: string };
type Page = { data: GalleryImageJson[]; next_cursor: string | null };

const query = (filters: Filters, cursor?: string | null) => {
  const params = new URLSearchParams({ limit: '48' });
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/gallery?${params}`;
};

/**
 * The gallery: thumbnails only, newest first, more loading as you scroll; search by
 * prompt and filter by model, endpoint and creator, or show only "mine". Filters live in
 * the URL so views can be shared.
 */
export function GalleryGrid({ initial, initialFilters, models, creators }: { initial: Page; initialFilters: Filters; models: string[]; creators: Array<{ id: string; name: string }> }) {
  const [filters, setFilters] = useState(initialFilters);
  const [items, setItems] = useState(initial.data);
  const [cursor, setCursor] = useState(initial.next_cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const generation = useRef(0);
  const first = useRef(true);

  const load = useCallback(async (f: Filters, after: string | null, replace: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const res = await fetch(query(f, after));
      const body = (await res.json()) as Page & { error?: { message: string } };
      if (mine !== generation.current) return;
      if (!res.ok) throw new Error(body.error?.message ?? `The gallery answered ${res.status}.`);
      setItems((prev) => (replace ? body.data : [...prev, ...body.data]));
      setCursor(body.next_cursor);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError((e as Error).message);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

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
    <div className="space-y-4">
      <div role="search" className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-60 flex-1 flex-col text-xs font-semibold">
          Search prompts
          <input type="search" value={filters.q} onChange={set('q')} placeholder="lighthouse, otter…" className="mt-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900" />
        </label>
        <label className="flex flex-col text-xs font-semibold">
          Model
          <select value={filters.model} onChange={set('model')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">All models</option>
            {models.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-xs font-semibold">
          Made by
          <select value={filters.endpoint} onChange={set('endpoint')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">Any way</option>
            <option value="generations">Generation</option>
            <option value="edits">Edit</option>
            <option value="variations">Variation</option>
            <option value="uploads">Upload (edit inputs)</option>
          </select>
        </label>
        <button
          type="button"
          aria-pressed={filters.mine === 'true'}
          onClick={() => setFilters((f) => ({ ...f, mine: f.mine === 'true' ? '' : 'true', creator: '' }))}
          className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-white dark:border-zinc-700"
        >
          Mine
        </button>
        <label className="flex flex-col text-xs font-semibold">
          Creator
          <select value={filters.creator} disabled={filters.mine === 'true'} onChange={set('creator')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900">
            <option value="">Everyone</option>
            {creators.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
      </div>
      {error && <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">{error}</p>}
      {items.length === 0 && !loading ? (
        <div className="rounded-xl border-2 border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:border-zinc-700">
          {Object.values(filters).some(Boolean) ? 'Nothing matches these filters.' : 'Nothing here yet. Images you make in the studio are kept here.'}
        </div>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6" aria-label="Images" data-testid="gallery-grid">
          {items.map((item) => (
            <li key={item.id}>
              <Link href={`/gallery/${item.id}`} className="group block overflow-hidden rounded-lg border border-zinc-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-accent dark:border-zinc-800 dark:bg-zinc-900">
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails are already sized WebP */}
                <img src={item.thumbnail_url} alt={item.prompt ?? 'Image'} loading="lazy" width={item.width} height={item.height} className="aspect-square w-full object-cover transition group-hover:scale-[1.02]" />
                <span className="block truncate px-2 py-1.5 text-xs text-zinc-600 dark:text-zinc-300">{item.prompt}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div ref={sentinel} aria-hidden className="h-8" />
      {loading && <p className="text-center text-sm text-zinc-500" aria-live="polite">Loading…</p>}
    </div>
  );
}
