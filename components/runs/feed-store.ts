import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiRequestError } from '@/lib/client/api-error';
import { cancelRun, createRuns, followRun, isActive, listRuns, readRun, type CreatedRuns, type RunJson } from '@/lib/client/runs';
import type { RenderRecord, RunState } from '../studio/run-slice';
import { applyRunEvent, keptSlots, newRunView, withRun, type RunView } from './run-view';

/**
 * The studio's feed: the person's runs, newest first, a page at a time. Runs that are
 * executing are followed live (their partial images sharpening in their cards); queued
 * ones are looked at again every few seconds, which also brings in runs started in
 * another tab or browser. The runs belong to the server: leaving the page stops only
 * the following, never the runs.
 */
export type FeedError = NonNullable<RunState['error']>;

export type FeedState = {
  views: Record<string, RunView>;
  /** Run ids, newest first. */
  order: string[];
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  /** A request refused before it became a run (validation, budget). */
  refused: { error: FeedError; at: number; body: Record<string, unknown> | FormData } | null;
  /** The newest run started from this page (Esc cancels it; tests read it). */
  lastStarted: string | null;
  renders: Array<RenderRecord & { run: string }>;

  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  start(body: Record<string, unknown> | FormData): Promise<CreatedRuns | null>;
  cancel(id: string): Promise<void>;
  recordRender(run: string, record: Omit<RenderRecord, 'at'>): void;
  dispose(): void;
};

const PAGE = 20;

export const errorOf = (error: unknown): FeedError =>
  error instanceof ApiRequestError
    ? { message: error.body.message, code: error.body.code, status: error.status, retryAfter: error.retryAfter }
    : { message: 'The studio could not be reached. Check your connection and try again.', code: 'network_error', status: 0, retryAfter: null };

export function createFeedStore(): StoreApi<FeedState> {
  const following = new Map<string, AbortController>();
  let disposed = false;

  return createStore<FeedState>()((set, get) => {
    /** Adds or updates runs, keeping newest first, and follows those executing. */
    const merge = (runs: RunJson[], append = false) => {
      set((s) => {
        const views = { ...s.views };
        const fresh: string[] = [];
        for (const run of runs) {
          const existing = views[run.id];
          views[run.id] = keptSlots(existing ? withRun(existing, run) : newRunView(run));
          if (!existing) fresh.push(run.id);
        }
        const order = append ? [...s.order, ...fresh] : [...new Set([...fresh, ...s.order])];
        order.sort((a, b) => Date.parse(views[b]!.run.created_at) - Date.parse(views[a]!.run.created_at) || (b > a ? 1 : -1));
        return { views, order };
      });
      for (const run of runs) follow(run.id);
    };

    const follow = (id: string) => {
      const view = get().views[id];
      if (disposed || !view || following.has(id) || view.run.status !== 'running') return;
      const controller = new AbortController();
      following.set(id, controller);
      void followRun(id, view.lastSeq, (event) => set((s) => (s.views[id] ? { views: { ...s.views, [id]: applyRunEvent(s.views[id]!, event) } } : {})), controller.signal)
        .catch(() => {})
        .finally(() => {
          following.delete(id);
          const after = get().views[id];
          if (after) set((s) => ({ views: { ...s.views, [id]: keptSlots(s.views[id]!) } }));
        });
    };

    return {
      views: {},
      order: [],
      cursor: null,
      hasMore: true,
      loading: false,
      refused: null,
      lastStarted: null,
      renders: [],

      async loadMore() {
        const { loading, hasMore, cursor } = get();
        if (loading || !hasMore) return;
        set({ loading: true });
        try {
          const page = await listRuns({ limit: String(PAGE), ...(cursor ? { cursor } : {}) });
          merge(page.data, true);
          set({ cursor: page.next_cursor, hasMore: page.next_cursor !== null });
        } catch {
          set({ hasMore: false });
        } finally {
          set({ loading: false });
        }
      },

      async refresh() {
        try {
          // The newest page, and every run still waiting or executing (their place and status).
          const [newest, active] = await Promise.all([listRuns({ limit: String(PAGE) }), listRuns({ limit: '100', status: 'queued,running' })]);
          const known = get().views;
          const stillActive = new Set(active.data.map((r) => r.id));
          const ended = Object.values(known).filter((v) => isActive(v.run.status) && !stillActive.has(v.run.id) && !newest.data.some((r) => r.id === v.run.id));
          const reread = await Promise.all(ended.map((v) => readRun(v.run.id)));
          merge([...newest.data, ...active.data, ...reread.filter((r): r is RunJson => r !== null)]);
        } catch {
          // Offline for a moment: the next look catches up.
        }
      },

      async start(body) {
        try {
          const created = await createRuns(body);
          set({ refused: null, lastStarted: created.runs[0]?.id ?? null });
          merge(created.runs);
          return created;
        } catch (error) {
          set({ refused: { error: errorOf(error), at: Date.now(), body } });
          return null;
        }
      },

      async cancel(id) {
        try {
          const run = await cancelRun(id);
          following.get(id)?.abort();
          merge([run]);
        } catch {
          await get().refresh();
        }
      },

      recordRender: (run, record) => set((s) => ({ renders: [...s.renders, { ...record, run, at: Date.now() }] })),

      dispose() {
        disposed = true;
        for (const controller of following.values()) controller.abort();
        following.clear();
      },
    };
  });
}
