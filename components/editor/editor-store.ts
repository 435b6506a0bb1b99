import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Point, View } from '@/lib/mask/geometry';
import { maskRgba } from '@/lib/mask/rasterize';
import { padImage } from '@/lib/client/square-image';
import { extendMask, paddingFor, type Padding } from '@/lib/mask/extend';
import { EMPTY_MASK, rectFrom, type MaskDocument, type Shape } from '@/lib/mask/shapes';
import type { ClientCatalogue } from '@/lib/models/availability';
import { modelsFor } from '@/lib/models/registry';
import { valuesForModel, type FormState, type OptionValue } from '../studio/form';
import { createRunner, IDLE_RUN, type RunActions, type RunState } from '../studio/run-slice';
import type { EditorDraft } from './editor-draft';
import { createMaskExporter, type MaskExporter } from './mask-exporter';

/**
 * One store per editor. Document state (the input images and the mask's shapes) is
 * what undo and redo step through; session state (tool, brush size, view) is not.
 */
export type Tool = 'brush' | 'eraser' | 'rect' | 'lasso' | 'pan';
export type InputImage = { key: string; name: string; file: Blob; url: string; width: number; height: number };

export type EditorState = RunState &
  RunActions & {
    catalogue: ClientCatalogue;
    // document
    images: InputImage[];
    mask: MaskDocument;
    past: MaskDocument[];
    future: MaskDocument[];
    // session
    tool: Tool;
    brushSize: number;
    view: View | null;
    /** The keyboard's crosshair on the canvas, in image pixels (null until the arrows are used). */
    cursor: Point | null;
    /** The first corner of a rectangle drawn by keyboard, while it is being drawn. */
    anchor: Point | null;
    // the request
    prompt: string;
    modelId: string;
    /** Edit options by wire name, kept to what the chosen model accepts. */
    options: FormState['values'];
    setOption(param: string, value: OptionValue | undefined): void;
    addImages(files: Blob[], names?: string[]): Promise<void>;
    removeImage(key: string): void;
    /** Replaces the first image (after a fix the person chose); the mask no longer fits it. */
    replaceFirst(file: Blob, name: string): Promise<void>;
    /** Puts a saved draft back (after Back or a reload): only a model that can still edit, and its options. */
    restoreDraft(draft: EditorDraft): Promise<void>;
    /** Extends the canvas: transparent margins on chosen sides, painted into the mask. */
    extend(sides: Array<keyof Padding>, fraction: number): Promise<void>;
    setTool(tool: Tool): void;
    setBrushSize(size: number): void;
    setView(view: View): void;
    commitShape(shape: Shape): void;
    /** Masks the whole first image (Ctrl+A). */
    selectAll(): void;
    setCursor(cursor: Point | null): void;
    setAnchor(anchor: Point | null): void;
    setFeather(feather: number): void;
    invert(): void;
    clear(): void;
    undo(): void;
    redo(): void;
    setPrompt(prompt: string): void;
    setModel(id: string): void;
    submit(): Promise<void>;
    vary(): Promise<void>;
    /** The mask PNG as it would be uploaded (null when nothing is masked). */
    exportMask(): Promise<Blob | null>;
    /** Keeps the mask's pixels up to date in a worker from now on; returns the disconnect. */
    connectMaskWorker(): () => void;
  };

export const BRUSH_SIZES = { min: 2, max: 400 };

async function load(file: Blob, name: string): Promise<InputImage> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const image = { key: `${name}-${Math.random().toString(36).slice(2)}`, name, file, url: URL.createObjectURL(file), width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return image;
}

/** The text fields of an edit: model, prompt and the options the model accepts. */
export function editFields(state: Pick<EditorState, 'modelId' | 'prompt' | 'options'>): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = { model: state.modelId, prompt: state.prompt };
  for (const [param, value] of Object.entries(state.options)) if (value !== undefined) fields[param] = value;
  // Compression only means something for lossy formats.
  if ((fields.output_format ?? 'png') === 'png') delete fields.output_compression;
  return fields;
}

/**
 * The mask as the PNG the Images API wants (the first image's size, alpha 0 where
 * painted), rasterised here: the path for where no mask worker runs.
 */
export async function maskPng(mask: MaskDocument, width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.putImageData(new ImageData(maskRgba(mask, width, height), width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

export function createEditorStore(catalogue: ClientCatalogue): StoreApi<EditorState> {
  const editModels = modelsFor(catalogue, 'edits').filter((m) => catalogue.availability[m.id]?.available !== false);
  const initialModel = editModels.find((m) => m.id === catalogue.defaults.edits) ?? editModels[0];
  return createStore<EditorState>()((set, get, { subscribe }) => {
    const runner = createRunner(set, get);
    let maskWorker: MaskExporter | null = null;
    /** Applies a document change, remembering the previous document for undo. */
    const change = (next: MaskDocument) => set((s) => ({ mask: next, past: [...s.past.slice(-199), s.mask], future: [] }));
    return {
      ...IDLE_RUN,
      ...runner.actions,
      catalogue,
      images: [],
      mask: EMPTY_MASK,
      past: [],
      future: [],
      tool: 'brush',
      brushSize: 48,
      view: null,
      cursor: null,
      anchor: null,
      prompt: '',
      modelId: initialModel?.id ?? catalogue.defaults.edits,
      options: initialModel ? valuesForModel(initialModel, {}, 'edits') : {},
      setOption: (param, value) => set((s) => ({ options: { ...s.options, [param]: value } })),

      async addImages(files, names) {
        const loaded = await Promise.all(files.map((f, i) => load(f, names?.[i] ?? (f instanceof File ? f.name : `image-${i + 1}.png`))));
        set((s) => ({ images: [...s.images, ...loaded], ...(s.images.length === 0 ? { view: null, mask: EMPTY_MASK, past: [], future: [] } : {}) }));
      },
      removeImage(key) {
        set((s) => {
          const images = s.images.filter((i) => i.key !== key);
          const firstChanged = s.images[0]?.key === key;
          return { images, ...(firstChanged ? { mask: EMPTY_MASK, past: [], future: [], view: null } : {}) };
        });
      },
      async restoreDraft(draft) {
        const images = await Promise.all(draft.images.map((image) => load(image.file, image.name)));
        const model = editModels.find((m) => m.id === draft.modelId) ?? initialModel;
        set({
          images,
          mask: images.length ? draft.mask : EMPTY_MASK,
          past: [],
          future: [],
          view: null,
          prompt: typeof draft.prompt === 'string' ? draft.prompt : '',
          ...(model ? { modelId: model.id, options: valuesForModel(model, draft.options ?? {}, 'edits') } : {}),
        });
      },
      async replaceFirst(file, name) {
        const image = await load(file, name);
        set((s) => ({ images: [image, ...s.images.slice(1)], mask: EMPTY_MASK, past: [], future: [], view: null }));
      },
      async extend(sides, fraction) {
        const first = get().images[0];
        if (!first || sides.length === 0) return;
        const pad = paddingFor(first.width, first.height, sides, fraction);
        const image = await load(await padImage(first.file, pad), first.name.replace(/\.\w+$/, '') + '-extended.png');
        const mask = extendMask(get().mask, pad, first.width, first.height);
        // A new canvas: history of the old one no longer applies.
        set((s) => ({ images: [image, ...s.images.slice(1)], mask, past: [], future: [], view: null }));
      },
      setTool: (tool) => set({ tool }),
      setBrushSize: (size) => set({ brushSize: Math.round(Math.min(BRUSH_SIZES.max, Math.max(BRUSH_SIZES.min, size))) }),
      setView: (view) => set({ view }),
      commitShape: (shape) => change({ ...get().mask, shapes: [...get().mask.shapes, shape] }),
      selectAll() {
        const first = get().images[0];
        if (first) get().commitShape(rectFrom({ x: 0, y: 0 }, { x: first.width, y: first.height }, 'paint'));
      },
      setCursor: (cursor) => set({ cursor }),
      setAnchor: (anchor) => set({ anchor }),
      setFeather: (feather) => change({ ...get().mask, feather }),
      invert: () => change({ ...get().mask, inverted: !get().mask.inverted }),
      clear: () => change(EMPTY_MASK),
      undo() {
        const { past, mask, future } = get();
        const previous = past.at(-1);
        if (previous) set({ mask: previous, past: past.slice(0, -1), future: [mask, ...future] });
      },
      redo() {
        const { past, mask, future } = get();
        const next = future[0];
        if (next) set({ mask: next, past: [...past, mask], future: future.slice(1) });
      },
      setPrompt: (prompt) => set({ prompt }),
      setModel: (id) =>
        set((s) => {
          const model = catalogue.models.find((m) => m.id === id);
          return model ? { modelId: id, options: valuesForModel(model, s.options, 'edits') } : {};
        }),

      async submit() {
        const { images, mask, modelId } = get();
        const first = images[0];
        if (!first) return;
        const model = catalogue.models.find((m) => m.id === modelId);
        const spec = model?.endpoints.edits;
        const form = new FormData();
        for (const [param, value] of Object.entries(editFields(get()))) form.append(param, String(value));
        const field = images.length > 1 ? 'image[]' : 'image';
        for (const image of images) form.append(field, image.file, image.name);
        const png = await get().exportMask();
        if (png) form.append('mask', png, 'mask.png');
        if (spec?.options.stream) {
          form.append('stream', 'true');
          form.append('partial_images', '2');
        }
        if (spec?.options.response_format) form.append('response_format', 'b64_json');
        const n = get().options.n;
        await runner.run('edits', form, typeof n === 'number' ? n : 1);
      },

      /** Variations of the first image, from the model that makes them (no prompt, no mask). */
      async vary() {
        const first = get().images[0];
        const model = modelsFor(catalogue, 'variations').find((m) => catalogue.availability[m.id]?.available !== false);
        if (!first || !model) return;
        const form = new FormData();
        form.append('model', model.id);
        form.append('image', first.file, first.name);
        form.append('n', '2');
        if (model.endpoints.variations?.options.response_format) form.append('response_format', 'b64_json');
        await runner.run('variations', form, 2);
      },

      async exportMask() {
        const { images, mask } = get();
        const first = images[0];
        if (!first || (mask.shapes.length === 0 && !mask.inverted)) return null;
        return maskWorker ? maskWorker.exportPng(mask, first.width, first.height) : maskPng(mask, first.width, first.height);
      },

      connectMaskWorker() {
        const exporter = createMaskExporter();
        maskWorker = exporter;
        const sync = ({ mask, images }: EditorState) => images[0] && exporter.sync(mask, images[0].width, images[0].height);
        sync(get());
        const stop = subscribe((now, before) => {
          if (now.mask !== before.mask || now.images[0] !== before.images[0]) sync(now);
        });
        return () => {
          stop();
          exporter.dispose();
          if (maskWorker === exporter) maskWorker = null;
        };
      },
    };
  });
}
