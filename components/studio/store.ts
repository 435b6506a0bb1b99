import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiRequestError, requestImages, type ImageMeta } from '@/lib/client/request-images';
import type { ClientCatalogue } from '@/lib/models/availability';
import { findModel } from '@/lib/models/registry';
import { generationBody, initialForm, valuesForModel, type FormSeed, type FormState, type OptionValue } from './form';

/**
 * One store per studio editor (created by the provider, never at module level),
 * combined from a form slice (what will be sent) and a run slice (what came back).
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

export type StudioState = FormState &
  RunState & {
    catalogue: ClientCatalogue;
    setModel(id: string): void;
    setPrompt(prompt: string): void;
    setOption(param: string, value: OptionValue | undefined): void;
    setStream(stream: boolean): void;
    generate(): Promise<void>;
    cancel(): void;
    recordRender(record: Omit<RenderRecord, 'at'>): void;
  };

const idleRun: RunState = { status: 'idle', startedAt: null, finishedAt: null, slots: [], expectedImages: 0, error: null, renders: [] };

const mimeOf = (format: string | undefined) => `image/${format === 'jpeg' ? 'jpeg' : (format ?? 'png')}`;

export function createStudioStore(catalogue: ClientCatalogue, seed?: FormSeed): StoreApi<StudioState> {
  let controller: AbortController | null = null;
  return createStore<StudioState>()((set, get) => ({
    ...initialForm(catalogue, seed),
    ...idleRun,
    catalogue,

    setModel(id) {
      const model = findModel(catalogue, id);
      if (!model) return;
      set((s) => ({ modelId: model.id, values: valuesForModel(model, s.values) }));
    },
    setPrompt: (prompt) => set({ prompt }),
    setOption: (param, value) => set((s) => ({ values: { ...s.values, [param]: value } })),
    setStream: (stream) => set({ stream }),

    async generate() {
      if (get().status === 'running') return;
      const body = generationBody(catalogue, get());
      controller = new AbortController();
      const own = controller;
      const expectedImages = typeof body.n === 'number' ? body.n : 1;
      set({ ...idleRun, status: 'running', startedAt: Date.now(), expectedImages, slots: Array.from({ length: expectedImages }, () => ({})) });
      // Stream events carry no image index: images arrive one after another.
      let current = 0;
      const updateSlot = (index: number, patch: ResultSlot) =>
        set((s) => ({ slots: s.slots.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)) }));
      try {
        await requestImages('/api/v1/images/generations', body, own.signal, {
          onPartial(b64, index, meta: ImageMeta) {
            updateSlot(current, { partial: { src: `data:${mimeOf(meta.output_format)};base64,${b64}`, index } });
          },
          onImage(image, meta) {
            const format = meta.output_format ?? (body.output_format as string | undefined) ?? 'png';
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
    },

    cancel() {
      controller?.abort();
    },

    recordRender(record) {
      set((s) => ({ renders: [...s.renders, { ...record, at: Date.now() }] }));
    },
  }));
}
