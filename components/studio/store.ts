import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClientCatalogue } from '@/lib/models/availability';
import { findModel } from '@/lib/models/registry';
import type { CreatedRuns } from '@/lib/client/runs';
import { batchPrompts, compareBodies, generationBody, initialForm, MAX_BATCH, valuesForModel, type CompareBy, type FormSeed, type FormState, type OptionValue } from './form';

export type { RenderRecord, ResultSlot } from './run-slice';

/**
 * The composer: one store per studio page (created by the provider, never at module
 * level). It holds the form (what will be sent) and how it is sent: as one run, as a
 * compare (one prompt, up to four models, qualities or sizes) or as a batch (a prompt
 * a line). Sending hands the request to the feed, which owns the runs.
 */
export type ComposeMode = 'single' | 'compare' | 'batch';

export type StudioState = FormState & {
  catalogue: ClientCatalogue;
  mode: ComposeMode;
  compareBy: CompareBy;
  compareChosen: string[];
  batchText: string;
  setModel(id: string): void;
  setPrompt(prompt: string): void;
  setOption(param: string, value: OptionValue | undefined): void;
  setStream(stream: boolean): void;
  setMode(mode: ComposeMode): void;
  setCompareBy(by: CompareBy): void;
  toggleCompare(choice: string): void;
  setBatchText(text: string): void;
  /** Puts a saved draft back (after Back or a reload), or a run's request (Remix). */
  restoreDraft(form: FormState): void;
  /** The body (or group) the composer would send now. */
  request(): Record<string, unknown>;
  generate(): Promise<CreatedRuns | null>;
};

export function createStudioStore(catalogue: ClientCatalogue, send: (body: Record<string, unknown>) => Promise<CreatedRuns | null>, seed?: FormSeed): StoreApi<StudioState> {
  return createStore<StudioState>()((set, get) => {
    const form = initialForm(catalogue, seed);
    return {
      ...form,
      catalogue,
      mode: 'single',
      compareBy: 'model',
      compareChosen: [form.modelId],
      batchText: '',

      setModel(id) {
        const model = findModel(catalogue, id);
        if (!model) return;
        set((s) => ({ modelId: model.id, values: valuesForModel(model, s.values), compareChosen: s.compareBy === 'model' ? s.compareChosen : [] }));
      },
      setPrompt: (prompt) => set({ prompt }),
      setOption: (param, value) => set((s) => ({ values: { ...s.values, [param]: value } })),
      setStream: (stream) => set({ stream }),
      setMode: (mode) => set({ mode }),
      setCompareBy: (compareBy) => set((s) => ({ compareBy, compareChosen: compareBy === 'model' ? [s.modelId] : [] })),
      toggleCompare: (choice) => set((s) => ({ compareChosen: s.compareChosen.includes(choice) ? s.compareChosen.filter((c) => c !== choice) : [...s.compareChosen, choice] })),
      setBatchText: (batchText) => set({ batchText }),
      restoreDraft: ({ modelId, prompt, values, stream }) => set({ modelId, prompt, values, stream }),

      request() {
        const s = get();
        if (s.mode === 'compare') return { compare: compareBodies(catalogue, s, s.compareBy, s.compareChosen) };
        if (s.mode === 'batch') {
          const { prompt, ...options } = generationBody(catalogue, s);
          void prompt;
          return { batch: { ...options, prompts: batchPrompts(s.batchText).slice(0, MAX_BATCH) } };
        }
        return generationBody(catalogue, s);
      },
      generate: () => send(get().request()),
    };
  });
}
