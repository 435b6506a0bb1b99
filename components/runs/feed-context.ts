import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { RunState } from '../studio/run-slice';
import type { FeedState } from './feed-store';

/** The feed's store, for the cards and the composer. */
export const FeedContext = createContext<StoreApi<FeedState> | null>(null);

export function useFeed<T>(selector: (state: FeedState) => T): T {
  const store = useContext(FeedContext);
  if (!store) throw new Error('useFeed must be used inside a studio provider');
  return useStore(store, selector);
}

/** A run's status as the studio's single-run views named it (idle, running, done, error, cancelled). */
export function simpleStatus(status: string): RunState['status'] {
  if (status === 'queued' || status === 'running') return 'running';
  if (status === 'completed') return 'done';
  if (status === 'cancelled') return 'cancelled';
  return 'error';
}

/** What end-to-end tests read: the newest run started from this page. */
export function runStatusForTests(feed: FeedState) {
  if (feed.refused) return { status: 'error' as const, renders: [], error: feed.refused.error, runId: null };
  const id = feed.lastStarted;
  const view = id ? feed.views[id] : undefined;
  if (!id || !view) return { status: 'idle' as const, renders: [], error: null, runId: null };
  const e = view.run.error;
  return {
    status: simpleStatus(view.run.status),
    renders: feed.renders.filter((r) => r.run === id),
    error: e ? { message: e.message, code: e.code, status: e.status, retryAfter: e.retry_after } : null,
    runId: id,
  };
}
