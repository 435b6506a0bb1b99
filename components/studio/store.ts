import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClientCatalogue } from '@/lib/models/availability';
import { findModel } from '@/lib/models/registry';
import { generationBody, initialForm, valuesForModel, type FormSeed, type FormState, type OptionValue } from './form';
import { createRunner, IDLE_RUN, type RunActions, type RunState } from './run-slice';

export type { RenderRecord, ResultSlot } from './run-slice';

/**
 * One store per studio editor (created by the provider, never at module level),
 * combined from a form slice (what will be sent) and a run slice (what came back).
 */
export type StudioState = FormState &
  RunState &
  RunActions & {
    catalogue: ClientCatalogue;
    setModel(id: string): void;
    setPrompt(prompt: string): void;
    setOption(param: string, value: OptionValue | undefined): void;
    setStream(stream: boolean): void;
    /** Puts a saved draft back (after Back or a reload). */
    restoreDraft(form: FormState): void;
    generate(): Promise<void>;
  };

export function createStudioStore(catalogue: ClientCatalogue, seed?: FormSeed): StoreApi<StudioState> {
  return createStore<StudioState>()((set, get) => {
    const runner = createRunner(set, get);
    return {
      ...initialForm(catalogue, seed),
      ...IDLE_RUN,
      ...runner.actions,
      catalogue,

      setModel(id) {
        const model = findModel(catalogue, id);
        if (!model) return;
        set((s) => ({ modelId: model.id, values: valuesForModel(model, s.values) }));
      },
      setPrompt: (prompt) => set({ prompt }),
      setOption: (param, value) => set((s) => ({ values: { ...s.values, [param]: value } })),
      setStream: (stream) => set({ stream }),
      restoreDraft: ({ modelId, prompt, values, stream }) => set({ modelId, prompt, values, stream }),

      async generate() {
        const body = generationBody(catalogue, get());
        await runner.run('/api/v1/images/generations', body, typeof body.n === 'number' ? body.n : 1, (body.output_format as string | undefined) ?? 'png');
      },
    };
  });
}
