'use client';

import type { ClientCatalogue } from '@/lib/models/availability';
import type { FormSeed } from './form';
import { ModelPicker } from './model-picker';
import { OptionControls } from './option-controls';
import { PromptPanel } from './prompt-panel';
import { Results } from './results';
import { StudioProvider } from './studio-provider';

export function Studio({ catalogue, seed }: { catalogue: ClientCatalogue; seed?: FormSeed }) {
  return (
    <StudioProvider catalogue={catalogue} seed={seed}>
      <div className="grid gap-6 lg:grid-cols-[400px_1fr]">
        <aside className="space-y-5 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60">
          <PromptPanel />
          <ModelPicker />
          <OptionControls />
        </aside>
        <Results />
      </div>
    </StudioProvider>
  );
}
