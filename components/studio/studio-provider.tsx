'use client';

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { validateImageRequest, issuesByParam } from '@/lib/images/schema';
import { useIssueText } from '../use-error-text';
import type { ClientCatalogue } from '@/lib/models/availability';
import { FeedContext, runStatusForTests } from '../runs/feed-context';
import { createFeedStore } from '../runs/feed-store';
import type { RenderRecord, RunState } from './run-slice';
import { generationBody, restoreForm, type FormSeed } from './form';
import { createStudioStore, type StudioState } from './store';

const StudioContext = createContext<StoreApi<StudioState> | null>(null);

declare global {
  interface Window {
    /** Read-only view of the studio for end-to-end tests: the newest run started here (its status and what was rendered). */
    __imageStudio?: { state(): { status: RunState['status']; renders: RenderRecord[]; error: RunState['error']; modelId: string; runId: string | null } };
  }
}

/** Where the composer keeps its draft: per tab, so Back and reload keep it and other tabs do not share it. */
const DRAFT_KEY = 'image-studio:composer-draft';

export function StudioProvider({ catalogue, seed, children }: { catalogue: ClientCatalogue; seed?: FormSeed; children: ReactNode }) {
  const [feed] = useState(() => createFeedStore());
  const [store] = useState(() => createStudioStore(catalogue, (body) => feed.getState().start(body), seed));
  useEffect(() => () => feed.getState().dispose(), [feed]);
  useEffect(() => {
    // A remix brings its own form; otherwise what was being composed comes back.
    if (!seed) {
      try {
        const draft = restoreForm(catalogue, JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null'));
        if (draft) store.getState().restoreDraft(draft);
      } catch {
        // A draft that cannot be read is simply not restored.
      }
    }
    return store.subscribe((now, before) => {
      if (now.modelId === before.modelId && now.prompt === before.prompt && now.values === before.values && now.stream === before.stream) return;
      try {
        sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ modelId: now.modelId, prompt: now.prompt, values: now.values, stream: now.stream }));
      } catch {
        // Storage full or disabled: the draft lives only in this page.
      }
    });
  }, [store, seed, catalogue]);
  useEffect(() => {
    window.__imageStudio = { state: () => ({ ...runStatusForTests(feed.getState()), modelId: store.getState().modelId }) };
    return () => {
      delete window.__imageStudio;
    };
  }, [store, feed]);
  return (
    <StudioContext.Provider value={store}>
      <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>
    </StudioContext.Provider>
  );
}

export function useStudio<T>(selector: (state: StudioState) => T): T {
  const store = useContext(StudioContext);
  if (!store) throw new Error('useStudio must be used inside <StudioProvider>');
  return useStore(store, selector);
}

/** The request the form would send, and what is wrong with it (keyed by parameter). */
export function useDraft() {
  const { catalogue, modelId, prompt, values, stream } = useStudio(
    useShallow((s) => ({ catalogue: s.catalogue, modelId: s.modelId, prompt: s.prompt, values: s.values, stream: s.stream })),
  );
  const say = useIssueText();
  return useMemo(() => {
    const body = generationBody(catalogue, { modelId, prompt, values, stream });
    const result = validateImageRequest(catalogue, 'generations', body);
    const issues = result.ok ? {} : issuesByParam(result.issues, say);
    return { body, issues, valid: result.ok };
  }, [catalogue, modelId, prompt, values, stream, say]);
}
