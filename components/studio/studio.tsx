'use client';

import type { ClientCatalogue } from '@/lib/models/availability';
import { Feed } from '../runs/feed';
import type { FormSeed } from './form';
import { ModelPicker } from './model-picker';
import { OptionControls } from './option-controls';
import { PromptPanel } from './prompt-panel';
import { StudioProvider } from './studio-provider';

/** The studio page: the composer on the left, the person's runs (the feed) on the right. */
export function Studio({ catalogue, seed }: { catalogue: ClientCatalogue; seed?: FormSeed }) {
  return (
    <StudioProvider catalogue={catalogue} seed={seed}>
      <div className="grid gap-6 lg:grid-cols-[400px_1fr]">
        <aside className="space-y-5 self-start rounded-xl border border-zinc-200 bg-white p-4 shadow-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto dark:border-zinc-800 dark:bg-zinc-900/60">
          <PromptPanel />
          <ModelPicker />
          <OptionControls />
        </aside>
        <Feed />
      </div>
    </StudioProvider>
  );
}
