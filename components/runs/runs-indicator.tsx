'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { listRuns, readRun, type RunJson } from '@/lib/client/runs';

const LOOK_EVERY_MS = 2500;

/**
 * The header's count of your runs that are running or waiting, on every page. When one
 * ends while the tab is hidden, the tab's title says so (until you come back), and a
 * browser notification appears if you allowed them (the bell asks once).
 */
export function RunsIndicator() {
  const t = useTranslations('shell.runs');
  const [active, setActive] = useState<RunJson[]>([]);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>('unsupported');
  const known = useRef<Map<string, RunJson> | null>(null);
  const unseen = useRef(0);
  const title = useRef<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const announce = (ended: RunJson[]) => {
      if (document.visibilityState === 'visible' || ended.length === 0) return;
      unseen.current += ended.length;
      title.current ??= document.title;
      const failed = ended.some((r) => r.status !== 'completed');
      document.title = `${failed ? '⚠' : '✓'} ${t('finishedTitle', { count: unseen.current, title: title.current })}`;
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
        for (const run of ended)
          new Notification(t(run.status === 'completed' ? 'ready' : run.status === 'cancelled' ? 'cancelled' : 'failed'), {
            body: run.prompt ?? run.endpoint,
            tag: run.id,
          });
    };
    const look = async () => {
      try {
        const { data } = await listRuns({ status: 'queued,running', limit: '100' });
        if (stopped) return;
        const before = known.current;
        const now = new Map(data.map((r) => [r.id, r]));
        known.current = now;
        setActive(data);
        // Read here (in a callback), not during render: the server render has no Notification.
        setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
        if (!before) return;
        const gone = [...before.keys()].filter((id) => !now.has(id));
        const ended = await Promise.all(gone.map(readRun));
        announce(ended.filter((r): r is RunJson => r !== null));
      } catch {
        // Offline for a moment: the next look catches up.
      }
    };
    const back = () => {
      if (document.visibilityState !== 'visible') return;
      unseen.current = 0;
      if (title.current !== null) document.title = title.current;
      title.current = null;
      void look();
    };
    void look();
    const timer = setInterval(() => void look(), LOOK_EVERY_MS);
    document.addEventListener('visibilitychange', back);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', back);
    };
  }, [t]);

  const running = active.filter((r) => r.status === 'running').length;
  const queued = active.length - running;
  return (
    <div className="flex items-center gap-1">
      {active.length > 0 && (
        <Link href="/" data-testid="runs-indicator" className="flex items-center gap-1.5 rounded-full bg-accent-soft px-2.5 py-1 text-xs font-semibold text-accent-strong dark:bg-accent/20 dark:text-white" title={t('hint')}>
          <span aria-hidden className="inline-block h-2 w-2 animate-pulse rounded-full bg-accent" />
          <span>{t('count', { running, queued })}</span>
        </Link>
      )}
      {permission === 'default' && (
        <button
          type="button"
          data-testid="allow-notifications"
          title={t('notifyTitle')}
          aria-label={t('notifyLabel')}
          onClick={() => void Notification.requestPermission().then(setPermission)}
          className="rounded-md p-1 text-zinc-500 dark:text-zinc-400 hover:text-zinc-900 dark:hover:text-white"
        >
          <svg aria-hidden viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          </svg>
        </button>
      )}
    </div>
  );
}
