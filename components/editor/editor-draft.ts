import { del, get, set } from 'idb-keyval';
import type { MaskDocument } from '@/lib/mask/shapes';
import type { Mark } from '@/lib/markup/marks';
import type { FormState } from '../studio/form';

/**
 * The editor's draft (its images, the mask, the markup, the model, options and prompt), kept in
 * this browser's IndexedDB so Back and reload bring it back. Images are Blobs, which
 * IndexedDB stores as they are; nothing leaves the browser.
 */
export type EditorDraft = {
  modelId: string;
  prompt: string;
  options: FormState['values'];
  mask: MaskDocument;
  /** Absent in drafts saved before markup existed. */
  markup?: Mark[];
  images: Array<{ name: string; file: Blob }>;
};

const KEY = 'image-studio:editor-draft';

export async function loadEditorDraft(): Promise<EditorDraft | null> {
  try {
    const draft = (await get(KEY)) as EditorDraft | undefined;
    return draft && Array.isArray(draft.images) && draft.mask && Array.isArray(draft.mask.shapes) ? draft : null;
  } catch {
    return null; // No IndexedDB (private windows in some browsers): no draft.
  }
}

export async function saveEditorDraft(draft: EditorDraft): Promise<void> {
  try {
    if (draft.images.length === 0 && !draft.prompt) await del(KEY);
    else await set(KEY, draft);
  } catch {
    // Storage full or unavailable: the draft lives only in this page.
  }
}
