'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isActive } from '@/lib/client/runs';
import { RunError } from '../studio/results';
import { useFeed } from './feed-context';
import { RunCard } from './run-card';

/** Runs sent together (a compare, a batch) are shown together; others one by one. */
type Entry = { kind: 'run'; id: string } | { kind: 'group'; groupId: string; groupKind: 'compare' | 'batch'; ids: string[] };

/** How often the feed looks again at runs it is not following live (queued ones, other tabs' new runs). */
const LOOK_AGAIN_MS = { waiting: 1500, idle: 4000 };

/**
 * The person's runs, newest first, with infinite scroll. Leaving or reloading the page
 * leaves the runs running; coming back picks each up where it is.
 */
export function Feed() {
  const t = useTranslations('runs');
  const order = useFeed((s) => s.order);
  const groups = useFeed(useShallow((s) => s.order.map((id) => (s.views[id]?.run.group ? `${s.views[id]!.run.group!.id}:${s.views[id]!.run.group!.kind}` : ''))));
  const anyQueued = useFeed((s) => s.order.some((id) => s.views[id]?.run.status === 'queued'));
  const hasMore = useFeed((s) => s.hasMore);
  const loading = useFeed((s) => s.loading);
  const loadMore = useFeed((s) => s.loadMore);
  const refresh = useFeed((s) => s.refresh);
  const refused = useFeed((s) => s.refused);
  const start = useFeed((s) => s.start);
  const cancel = useFeed((s) => s.cancel);
  const sentinel = useRef<HTMLDivElement>(null);

  const entries = useMemo(() => {
    const out: Entry[] = [];
    const seen = new Map<string, Extract<Entry, { kind: 'group' }>>();
    order.forEach((id, i) => {
      const [groupId, groupKind] = groups[i]!.split(':');
      if (!groupId) return void out.push({ kind: 'run', id });
      let entry = seen.get(groupId);
      if (!entry) {
        entry = { kind: 'group', groupId, groupKind: groupKind as 'compare' | 'batch', ids: [] };
        seen.set(groupId, entry);
        out.push(entry);
      }
      entry.ids.push(id);
    });
    return out;
  }, [order, groups]);

  // Infinite scroll: the next page when the end comes into view.
  useEffect(() => {
    const end = sentinel.current;
    if (!end) return;
    const observer = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && void loadMore(), { rootMargin: '600px' });
    observer.observe(end);
    return () => observer.disconnect();
  }, [loadMore]);

  // Look again now and then while the page is visible, and at once when it comes back.
  useEffect(() => {
    const look = () => document.visibilityState === 'visible' && void refresh();
    const timer = setInterval(look, anyQueued ? LOOK_AGAIN_MS.waiting : LOOK_AGAIN_MS.idle);
    document.addEventListener('visibilitychange', look);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', look);
    };
  }, [refresh, anyQueued]);

  // Escape cancels the newest run started here while it runs (a dialog's own Escape wins).
  const lastStarted = useFeed((s) => s.lastStarted);
  const lastActive = useFeed((s) => (s.lastStarted ? isActive(s.views[s.lastStarted]?.run.status ?? '') : false));
  useEffect(() => {
    if (!lastStarted || !lastActive) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      void cancel(lastStarted);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lastStarted, lastActive, cancel]);

  return (
    <section aria-label={t('feedLabel')} className="flex min-h-[60vh] flex-col gap-3" data-testid="feed">
      {refused && (
        <RunError
          error={refused.error}
          finishedAt={refused.at}
          onRetry={() => void start(refused.body)}
        />
      )}
      {entries.length === 0 && !loading && !hasMore && (
        <div className="flex flex-1 items-center justify-center rounded-xl border-2 border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
          {t('empty')}
        </div>
      )}
      {entries.map((entry) => (entry.kind === 'run' ? <RunCard key={entry.id} id={entry.id} /> : <RunGroup key={entry.groupId} entry={entry} />))}
      <div ref={sentinel} aria-hidden className="h-4" />
      {loading && <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">{t('loadingEarlier')}</p>}
    </section>
  );
}

/** Written out whole so Tailwind sees each class. */
const COMPARE_COLUMNS: Record<number, string> = { 1: '', 2: '', 3: 'xl:grid-cols-3', 4: 'xl:grid-cols-4' };

/** A compare, side by side with each one's time and cost; a batch, with how far it has got. */
function RunGroup({ entry }: { entry: Extract<Entry, { kind: 'group' }> }) {
  const t = useTranslations('runs');
  const statuses = useFeed(useShallow((s) => entry.ids.map((id) => s.views[id]?.run.status ?? 'queued')));
  const done = statuses.filter((s) => !isActive(s)).length;
  const ids = [...entry.ids].reverse(); // in the order they were sent
  return (
    <section data-testid={`run-group-${entry.groupKind}`} aria-label={t(entry.groupKind === 'compare' ? 'comparison' : 'batch')} className="rounded-2xl border border-accent/40 bg-accent-soft/40 p-3 dark:bg-accent/10">
      <header className="mb-2 flex items-center justify-between text-xs font-semibold">
        <span>{t(entry.groupKind === 'compare' ? 'compareHeader' : 'batchHeader', { count: ids.length })}</span>
        <span data-testid="group-progress">{t('groupProgress', { done, total: ids.length })}</span>
      </header>
      {entry.groupKind === 'batch' && (
        <div className="mb-2 h-1.5 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label={t('batchProgress')} aria-valuemin={0} aria-valuemax={ids.length} aria-valuenow={done}>
          <div className="h-full bg-accent transition-all" style={{ width: `${(done / ids.length) * 100}%` }} />
        </div>
      )}
      <div className={`grid gap-3 sm:grid-cols-2 ${entry.groupKind === 'compare' ? COMPARE_COLUMNS[Math.min(4, ids.length)] : ''}`}>
        {ids.map((id) => (
          <RunCard key={id} id={id} compact />
        ))}
      </div>
    </section>
  );
}
