'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { ClientCatalogue } from '@/lib/models/availability';
import { RunStoreContext } from '../studio/run-slice';
import { loadEditorDraft, saveEditorDraft } from './editor-draft';
import { createEditorStore, type EditorState } from './editor-store';

const EditorContext = createContext<StoreApi<EditorState> | null>(null);

declare global {
  interface Window {
    /** Read-only view of the editor for end-to-end tests: state, not pixels. */
    __imageStudioEditor?: {
      state(): Pick<EditorState, 'status' | 'renders' | 'tool' | 'layer' | 'brushSize' | 'strokeWidth' | 'view' | 'error'> & { shapes: number; marks: number; inverted: boolean; images: number; canUndo: boolean; canRedo: boolean };
      /** The markup layer exported as for upload: its PNG, base64 (null without marks). */
      markupPng(): Promise<string | null>;
      /** Pixels (of the first image) that the mask, exported as for upload, marks as editable. */
      maskCoverage(): Promise<{ width: number; height: number; covered: number; at(x: number, y: number): boolean }>;
    };
  }
}

/**
 * `restoreDraft`: bring back what was being edited (false when the page opens a gallery
 * image, which starts afresh). The draft is saved as it changes, a moment after.
 */
export function EditorProvider({ catalogue, restoreDraft = true, children }: { catalogue: ClientCatalogue; restoreDraft?: boolean; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(catalogue));
  useEffect(() => {
    let ready = !restoreDraft;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (restoreDraft)
      void loadEditorDraft().then(async (draft) => {
        // Whatever the person did before the draft arrived wins over it.
        const s = store.getState();
        if (draft && s.images.length === 0 && !s.prompt) await s.restoreDraft(draft);
        ready = true;
      });
    const save = () => {
      timer = undefined;
      const { modelId, prompt, options, mask, markup, images } = store.getState();
      void saveEditorDraft({ modelId, prompt, options, mask, markup, images: images.map(({ name, file }) => ({ name, file })) });
    };
    const unsubscribe = store.subscribe((now, before) => {
      if (!ready || (now.images === before.images && now.mask === before.mask && now.markup === before.markup && now.prompt === before.prompt && now.modelId === before.modelId && now.options === before.options)) return;
      clearTimeout(timer);
      timer = setTimeout(save, 300);
    });
    return () => {
      unsubscribe();
      // Leaving the page: a change still waiting is saved now, not lost.
      if (timer) {
        clearTimeout(timer);
        save();
      }
    };
  }, [store, restoreDraft]);
  useEffect(() => store.getState().connectLayerWorkers(), [store]);
  useEffect(() => {
    window.__imageStudioEditor = {
      state: () => {
        const s = store.getState();
        return {
          status: s.status, renders: s.renders, tool: s.tool, layer: s.layer, brushSize: s.brushSize, strokeWidth: s.strokeWidth, view: s.view, error: s.error,
          shapes: s.mask.shapes.length, marks: s.markup.length, inverted: s.mask.inverted, images: s.images.length, canUndo: s.past.length > 0, canRedo: s.future.length > 0,
        };
      },
      markupPng: async () => {
        const png = await store.getState().exportMarkup();
        if (!png) return null;
        const bytes = new Uint8Array(await png.arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      },
      maskCoverage: async () => {
        const { width, height } = store.getState().images[0]!;
        const alpha = await maskAlpha(await store.getState().exportMask(), width, height);
        let covered = 0;
        for (const a of alpha) if (a === 0) covered++;
        return { width, height, covered, at: (x, y) => alpha[y * width + x] === 0 };
      },
    };
    return () => {
      delete window.__imageStudioEditor;
    };
  }, [store]);
  return (
    <EditorContext.Provider value={store}>
      <RunStoreContext.Provider value={store}>{children}</RunStoreContext.Provider>
    </EditorContext.Provider>
  );
}

export function useEditor<T>(selector: (state: EditorState) => T): T {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor must be used inside <EditorProvider>');
  return useStore(store, selector);
}

/** The alpha channel of an exported mask PNG (all opaque when there is no mask). */
async function maskAlpha(png: Blob | null, width: number, height: number): Promise<Uint8Array> {
  const alpha = new Uint8Array(width * height).fill(255);
  if (!png) return alpha;
  const bitmap = await createImageBitmap(png, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3]!;
  return alpha;
}

/** The editor's store itself, for handlers that read the latest state when they run. */
export function useEditorStore(): StoreApi<EditorState> {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditorStore must be used inside <EditorProvider>');
  return store;
}
