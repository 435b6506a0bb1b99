import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { ApiRequestError, requestImages, type ImageMeta } from '@/lib/client/request-images';

/**
 * The run slice shared by the studio and the editor: one request at a time, its result
 * slots filling with partial then final images, a log of what the browser rendered,
 * cancel, and errors a person can act on.
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

const mimeOf = (format: string | undefined) => `image/${format === 'jpeg' ? 'jpeg' : (format ?? 'png')}`;

type Set = (partial: Partial<RunState> | ((state: RunState) => Partial<RunState>)) => void;

export function createRunner(set: Set, get: () => RunState) {
  let controller: AbortController | null = null;
  let last: Parameters<typeof run> | null = null;

  async function run(path: string, body: Record<string, unknown> | FormData, expectedImages: number, fallbackFormat = 'png') {
    if (get().status === 'running') return;
    last = [path, body, expectedImages, fallbackFormat];
    controller = new AbortController();
    const own = controller;
    set({ ...IDLE_RUN, status: 'running', startedAt: Date.now(), expectedImages, slots: Array.from({ length: expectedImages }, () => ({})) });
    // Stream events carry no image index: images arrive one after another.
    let current = 0;
    const updateSlot = (index: number, patch: ResultSlot) => set((s) => ({ slots: s.slots.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)) }));
    try {
      await requestImages(path, body, own.signal, {
        onPartial(b64, index, meta: ImageMeta) {
          updateSlot(current, { partial: { src: `data:${mimeOf(meta.output_format)};base64,${b64}`, index } });
        },
        onImage(image, meta) {
          const format = meta.output_format ?? fallbackFormat;
          const src = image.b64_json ? `data:${mimeOf(format)};base64,${image.b64_json}` : (image.url ?? '');
          updateSlot(current, { final: { src, format, revisedPrompt: image.revised_prompt, size: meta.size, createdAt: Date.now(), galleryId: image.gallery_id } });
          current++;
        },
      });
      if (own.signal.aborted) return;
      set({ status: 'done', finishedAt: Date.now() });
    } catch (error) {
      if (own.signal.aborted) {
        set({ status: 'cancelled', finishedAt: Date.now() });
        return;
      }
      const e =
        error instanceof ApiRequestError
          ? { message: error.body.message, code: error.body.code, status: error.status, retryAfter: error.retryAfter }
          : { message: 'The studio could not be reached. Check your connection and try again.', code: 'network_error', status: 0, retryAfter: null };
      set({ status: 'error', error: e, finishedAt: Date.now() });
    } finally {
      if (controller === own) controller = null;
    }
  }

  const actions: RunActions = {
    cancel: () => controller?.abort(),
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
