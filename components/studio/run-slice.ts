import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { cancelRun, createRuns, followRun } from '@/lib/client/runs';
import { errorOf } from '../runs/feed-store';
import { applyRunEvent, newRunView } from '../runs/run-view';

/**
 * The editor's run slice: one run at a time, its result slots filling with partial then
 * final images, a log of what the browser rendered, cancel, and errors a person can act
 * on. The types are shared with the studio's feed, whose cards show runs the same way.
 */
export type ResultSlot = {
  partial?: { src: string; index: number };
  final?: { src: string; format: string; revisedPrompt?: string; size?: string; createdAt: number; galleryId?: string };
};

export type RenderRecord = { slot: number; kind: 'partial' | 'final'; partialIndex: number | null; at: number; digest: string };

export type RunState = {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  startedAt: number | null;
  finishedAt: number | null;
  slots: ResultSlot[];
  expectedImages: number;
  error: { message: string; code: string | null; status: number; retryAfter: number | null } | null;
  /** What the browser actually displayed, in order (read by end-to-end tests). */
  renders: RenderRecord[];
};

export type RunActions = {
  cancel(): void;
  /** Sends the last request again (a failed or cancelled run's "Run again"). */
  retry(): Promise<void>;
  recordRender(record: Omit<RenderRecord, 'at'>): void;
};

export const IDLE_RUN: RunState = { status: 'idle', startedAt: null, finishedAt: null, slots: [], expectedImages: 0, error: null, renders: [] };

type Set = (partial: Partial<RunState> | ((state: RunState) => Partial<RunState>)) => void;

/**
 * Sends a request as a run (so it goes on if the page is left, and shows in the studio's
 * feed) and follows it into this slice: its images as they sharpen, its end, its error.
 * Cancel cancels the run itself.
 */
export function createRunner(set: Set, get: () => RunState) {
  let following: AbortController | null = null;
  let runId: string | null = null;
  let last: Parameters<typeof run> | null = null;

  async function run(endpoint: 'edits' | 'variations', body: FormData, expectedImages: number) {
    if (get().status === 'running') return;
    last = [endpoint, body, expectedImages];
    const own = (following = new AbortController());
    set({ ...IDLE_RUN, status: 'running', startedAt: Date.now(), expectedImages, slots: Array.from({ length: expectedImages }, () => ({})) });
    try {
      const form = new FormData();
      for (const [key, value] of body) form.append(key, value);
      form.set('endpoint', endpoint);
      const created = (await createRuns(form)).runs[0]!;
      runId = created.id;
      let view = newRunView(created);
      await followRun(
        created.id,
        0,
        (event) => {
          view = applyRunEvent(view, event);
          set({ slots: view.slots });
        },
        own.signal,
      );
      if (own.signal.aborted) return;
      const e = view.run.error;
      const status = view.run.status === 'completed' ? 'done' : view.run.status === 'cancelled' ? 'cancelled' : 'error';
      set({ status, finishedAt: Date.now(), error: e ? { message: e.message, code: e.code, status: e.status, retryAfter: e.retry_after } : null });
    } catch (error) {
      if (own.signal.aborted) return;
      set({ status: 'error', error: errorOf(error), finishedAt: Date.now() });
    } finally {
      if (following === own) following = null;
    }
  }

  const actions: RunActions = {
    cancel() {
      following?.abort();
      set({ status: 'cancelled', finishedAt: Date.now() });
      if (runId) void cancelRun(runId).catch(() => {});
    },
    retry: () => (last ? run(...last) : Promise.resolve()),
    recordRender: (record) => set((s) => ({ renders: [...s.renders, { ...record, at: Date.now() }] })),
  };
  return { run, actions };
}

/** Whichever store runs requests on this page (studio or editor), for the shared Results view. */
export const RunStoreContext = createContext<StoreApi<RunState & RunActions> | null>(null);

export function useRun<T>(selector: (state: RunState & RunActions) => T): T {
  const store = useContext(RunStoreContext);
  if (!store) throw new Error('useRun must be used inside a studio or editor provider');
  return useStore(store, selector);
}
