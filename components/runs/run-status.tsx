'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { ResultSlot } from '../studio/run-slice';

/** A run's state as both the feed's cards and the editor's results show it. */
export type RunPhase = 'idle' | 'queued' | 'running' | 'completed' | 'cancelled' | 'interrupted' | 'failed';
export type RunProgress = {
  phase: RunPhase;
  startedAt: number | null;
  endedAt: number | null;
  /** Images the run makes. */
  n: number;
  slots: readonly ResultSlot[];
  queuePosition?: number | null;
};

/**
 * The status line (with its running seconds, redrawn ten times a second) for the eyes,
 * and beside it, for screen readers, a polite announcement that changes only when the
 * run does: queued, started, a preview arrived, an image finished, done, failed.
 */
export function RunStatus({ progress, className }: { progress: RunProgress; className?: string }) {
  return (
    <>
      <div data-testid="run-status" className={className}>
        {progress.phase === 'running' && <Spinner />}
        <StatusText progress={progress} />
      </div>
      <RunAnnouncement progress={progress} />
    </>
  );
}

function Spinner() {
  return <span aria-hidden className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-accent border-t-transparent motion-reduce:animate-none" />;
}

function StatusText({ progress: p }: { progress: RunProgress }) {
  const t = useTranslations('runs');
  const format = useFormatter();
  const running = p.phase === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  const elapsed = p.startedAt ? ((running ? Math.max(now, p.startedAt) : (p.endedAt ?? now)) - p.startedAt) / 1000 : 0;
  const seconds = format.number(elapsed, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const done = p.slots.filter((s) => s.final).length;
  switch (p.phase) {
    case 'idle':
      return <span className="text-zinc-500 dark:text-zinc-400">{t('status.ready')}</span>;
    case 'queued':
      return <span>{t('status.queued')}{p.queuePosition ? ` · ${t('inLine', { position: p.queuePosition })}` : ''}</span>;
    case 'running':
      return <span>{t('status.running', { done, n: p.n, seconds })}</span>;
    case 'completed':
      return <span>{t('status.completed', { seconds })}</span>;
    case 'cancelled':
      return <span>{p.startedAt ? t('status.cancelledAfter', { seconds }) : t('status.cancelledBefore')}</span>;
    case 'interrupted':
      return <span>{t('status.interrupted')}</span>;
    default:
      return <span>{t('status.failed')}</span>;
  }
}

/** What a screen reader is told, from the run's state alone (no clock): the same state, the same words. */
function announcementFor(p: RunProgress, t: ReturnType<typeof useTranslations<'runs'>>, seconds: string): string {
  const done = p.slots.filter((s) => s.final).length;
  const preview = Math.max(0, ...p.slots.map((s) => (s.final || !s.partial ? 0 : s.partial.index + 1)));
  switch (p.phase) {
    case 'idle':
      return '';
    case 'queued':
      return p.queuePosition ? `${t('announce.queued')} ${t('inLine', { position: p.queuePosition })}` : t('announce.queued');
    case 'running':
      if (done > 0) return t('announce.imageDone', { done, n: p.n });
      return preview > 0 ? t('announce.preview', { k: preview }) : t('announce.started', { n: p.n });
    case 'completed':
      return t('announce.completed', { n: done, seconds });
    case 'cancelled':
      return t('announce.cancelled');
    case 'interrupted':
      return t('status.interrupted');
    default:
      // The error itself is an alert of its own (RunError).
      return t('status.failed');
  }
}

function RunAnnouncement({ progress: p }: { progress: RunProgress }) {
  const t = useTranslations('runs');
  const format = useFormatter();
  const seconds = p.startedAt && p.endedAt ? format.number((p.endedAt - p.startedAt) / 1000, { maximumFractionDigits: 1 }) : '';
  return (
    <p role="status" aria-live="polite" className="sr-only" data-testid="run-announcement">
      {announcementFor(p, t, seconds)}
    </p>
  );
}
