import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Point, View } from '@/lib/mask/geometry';
import { maskRgba } from '@/lib/mask/rasterize';
import { padImage } from '@/lib/client/square-image';
import { editableImage } from '@/lib/client/editable-image';
import { extendMask, paddingFor, type Padding } from '@/lib/mask/extend';
import { EMPTY_MASK, rectFrom, type MaskDocument, type Shape } from '@/lib/mask/shapes';
import type { ClientCatalogue } from '@/lib/models/availability';
import { modelsFor } from '@/lib/models/registry';
import { paramsLeftOutFor } from '@/lib/models/format-rules';
import type { EndpointSpec } from '@/lib/models/types';
import { valuesForModel, type FormState, type OptionValue } from '../studio/form';
import { createRunner, IDLE_RUN, type RunActions, type RunState } from '../studio/run-slice';
import type { EditorDraft } from './editor-draft';
import type { Mark } from '@/lib/markup/marks';
import { defaultStrokeWidth, MARK_COLORS, STROKE_WIDTHS } from '@/lib/markup/marks';
import { createLayerExporter, type LayerExporter } from './layer-exporter';

/**
 * One store per editor. Document state (the input images, the mask's shapes and the
 * markup's marks) is what undo and redo step through, both layers in one history;
 * session state (layer, tool, sizes, colour, view) is not.
 */
export type MaskTool = 'brush' | 'eraser' | 'rect' | 'lasso';
export type MarkupTool = 'pen' | 'arrow' | 'box' | 'ellipse' | 'note';
export type Tool = MaskTool | MarkupTool | 'pan';
/** Which layer the canvas draws on: the mask (what may change) or markup (guidance for GPT Image 2.5 and 2.6). */
export type Layer = 'mask' | 'markup';
/** One step of history: both layers as they were. */
export type EditDocument = { mask: MaskDocument; markup: Mark[] };
export const MASK_TOOLS: MaskTool[] = ['brush', 'eraser', 'rect', 'lasso'];
export const MARKUP_TOOLS: MarkupTool[] = ['pen', 'arrow', 'box', 'ellipse', 'note'];
export type InputImage = { key: string; name: string; file: Blob; url: string; width: number; height: number };

export type EditorState = RunState &
  RunActions & {
    catalogue: ClientCatalogue;
    // document
    images: InputImage[];
    mask: MaskDocument;
    markup: Mark[];
    past: EditDocument[];
    future: EditDocument[];
    // session
    layer: Layer;
    tool: Tool;
    brushSize: number;
    /** Markup: the stroke width in image pixels, and the colour (hex, from MARK_COLORS). */
    strokeWidth: number;
    markColor: string;
    view: View | null;
    /** The keyboard's crosshair on the canvas, in image pixels (null until the arrows are used). */
    cursor: Point | null;
    /** The first corner of a rectangle drawn by keyboard, while it is being drawn. */
    anchor: Point | null;
    /** Where a markup note is being typed (image pixels), or null. */
    noteAt: Point | null;
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
    /** Switches the canvas to a layer, with that layer's first tool (pan stays pan). */
    setLayer(layer: Layer): void;
    setBrushSize(size: number): void;
    setStrokeWidth(width: number): void;
    setMarkColor(color: string): void;
    commitMark(mark: Mark): void;
    setView(view: View): void;
    commitShape(shape: Shape): void;
    /** Masks the whole first image (Ctrl+A). */
    selectAll(): void;
    setCursor(cursor: Point | null): void;
    setAnchor(anchor: Point | null): void;
    setNoteAt(at: Point | null): void;
    setFeather(feather: number): void;
    invert(): void;
    /** Clears the layer being drawn on. */
    clear(): void;
    clearLayer(layer: Layer): void;
    undo(): void;
    redo(): void;
    setPrompt(prompt: string): void;
    setModel(id: string): void;
    submit(): Promise<void>;
    vary(): Promise<void>;
    /** The mask PNG as it would be uploaded (null when nothing is masked). */
    exportMask(): Promise<Blob | null>;
    /** The markup layer as it would be uploaded (null when there are no marks). */
    exportMarkup(): Promise<Blob | null>;
    /** Keeps the mask's and the markup's pixels up to date in workers from now on; returns the disconnect. */
    connectLayerWorkers(): () => void;
  };

export const BRUSH_SIZES = { min: 2, max: 400 };

async function load(original: Blob, originalName: string): Promise<InputImage> {
  const { file, name } = await editableImage(original, originalName);
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const image = { key: `${name}-${Math.random().toString(36).slice(2)}`, name, file, url: URL.createObjectURL(file), width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return image;
}

/**
 * The text fields of an edit: model, prompt and the options the model accepts, less
 * those its output format leaves out (a GIF's frames for a PNG; compression for a PNG).
 */
export function editFields(state: Pick<EditorState, 'modelId' | 'prompt' | 'options'>, spec: EndpointSpec | undefined): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = { model: state.modelId, prompt: state.prompt };
  for (const [param, value] of Object.entries(state.options)) if (value !== undefined) fields[param] = value;
  // Compression only means something for lossy formats.
  if ((fields.output_format ?? 'png') === 'png') delete fields.output_compression;
  if (spec) for (const param of paramsLeftOutFor(spec, fields.output_format as string | undefined)) delete fields[param];
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

/** The markup layer as a PNG of the first image's size, drawn here: the path for where no markup worker runs. */
export async function markupPng(marks: readonly Mark[], width: number, height: number): Promise<Blob> {
  const { drawMarks } = await import('@/lib/markup/draw');
  const canvas = new OffscreenCanvas(width, height);
  drawMarks(canvas.getContext('2d')!, marks);
  return canvas.convertToBlob({ type: 'image/png' });
}

type MaskSettings = Pick<MaskDocument, 'inverted' | 'feather'>;
const NO_HISTORY = { past: [], future: [] };
const BLANK = { mask: EMPTY_MASK, markup: [] as Mark[], ...NO_HISTORY };

export function createEditorStore(catalogue: ClientCatalogue): StoreApi<EditorState> {
  const editModels = modelsFor(catalogue, 'edits').filter((m) => catalogue.availability[m.id]?.available !== false);
  const initialModel = editModels.find((m) => m.id === catalogue.defaults.edits) ?? editModels[0];
  return createStore<EditorState>()((set, get, { subscribe }) => {
    const runner = createRunner(set, get);
    let maskWorker: LayerExporter<Shape, MaskSettings> | null = null;
    let markupWorker: LayerExporter<Mark, null> | null = null;
    /** Applies a document change, remembering both layers as they were for undo. */
    const change = (next: Partial<EditDocument>) => set((s) => ({ ...next, past: [...s.past.slice(-199), { mask: s.mask, markup: s.markup }], future: [] }));
    return {
      ...IDLE_RUN,
      ...runner.actions,
      catalogue,
      images: [],
      ...BLANK,
      layer: 'mask',
      tool: 'brush',
      brushSize: 48,
      strokeWidth: 8,
      markColor: MARK_COLORS[0][1],
      view: null,
      cursor: null,
      anchor: null,
      noteAt: null,
      prompt: '',
      modelId: initialModel?.id ?? catalogue.defaults.edits,
      options: initialModel ? valuesForModel(initialModel, {}, 'edits') : {},
      setOption: (param, value) => set((s) => ({ options: { ...s.options, [param]: value } })),

      async addImages(files, names) {
        const loaded = await Promise.all(files.map((f, i) => load(f, names?.[i] ?? (f instanceof File ? f.name : `image-${i + 1}.png`))));
        set((s) => ({ images: [...s.images, ...loaded], ...(s.images.length === 0 ? { view: null, ...BLANK, strokeWidth: defaultStrokeWidth(loaded[0]!.width, loaded[0]!.height) } : {}) }));
      },
      removeImage(key) {
        set((s) => {
          const images = s.images.filter((i) => i.key !== key);
          const firstChanged = s.images[0]?.key === key;
          return { images, ...(firstChanged ? { ...BLANK, view: null } : {}) };
        });
      },
      async restoreDraft(draft) {
        const images = await Promise.all(draft.images.map((image) => load(image.file, image.name)));
        const model = editModels.find((m) => m.id === draft.modelId) ?? initialModel;
        set({
          images,
          ...BLANK,
          ...(images.length ? { mask: draft.mask, markup: Array.isArray(draft.markup) ? draft.markup : [] } : {}),
          view: null,
          prompt: typeof draft.prompt === 'string' ? draft.prompt : '',
          ...(model ? { modelId: model.id, options: valuesForModel(model, draft.options ?? {}, 'edits') } : {}),
        });
      },
      async replaceFirst(file, name) {
        const image = await load(file, name);
        set((s) => ({ images: [image, ...s.images.slice(1)], ...BLANK, view: null }));
      },
      async extend(sides, fraction) {
        const first = get().images[0];
        if (!first || sides.length === 0) return;
        const pad = paddingFor(first.width, first.height, sides, fraction);
        const image = await load(await padImage(first.file, pad), first.name.replace(/\.\w+$/, '') + '-extended.png');
        const mask = extendMask(get().mask, pad, first.width, first.height);
        // A new canvas: history of the old one no longer applies.
        set((s) => ({ images: [image, ...s.images.slice(1)], ...BLANK, mask, view: null }));
      },
      // A tool belongs to a layer: choosing it (by button or key) switches the canvas to that layer.
      setTool: (tool) => set({ tool, ...(tool === 'pan' ? {} : { layer: (MARKUP_TOOLS as Tool[]).includes(tool) ? 'markup' : 'mask' }), anchor: null }),
      setLayer: (layer) => set((s) => ({ layer, tool: s.tool === 'pan' ? 'pan' : layer === 'mask' ? MASK_TOOLS[0] : MARKUP_TOOLS[0], anchor: null })),
      setBrushSize: (size) => set({ brushSize: Math.round(Math.min(BRUSH_SIZES.max, Math.max(BRUSH_SIZES.min, size))) }),
      setStrokeWidth: (width) => set({ strokeWidth: Math.round(Math.min(STROKE_WIDTHS.max, Math.max(STROKE_WIDTHS.min, width))) }),
      setMarkColor: (markColor) => set({ markColor }),
      setView: (view) => set({ view }),
      commitShape: (shape) => change({ mask: { ...get().mask, shapes: [...get().mask.shapes, shape] } }),
      commitMark: (mark) => change({ markup: [...get().markup, mark] }),
      selectAll() {
        const first = get().images[0];
        if (first) get().commitShape(rectFrom({ x: 0, y: 0 }, { x: first.width, y: first.height }, 'paint'));
      },
      setCursor: (cursor) => set({ cursor }),
      setAnchor: (anchor) => set({ anchor }),
      setNoteAt: (noteAt) => set({ noteAt }),
      setFeather: (feather) => change({ mask: { ...get().mask, feather } }),
      invert: () => change({ mask: { ...get().mask, inverted: !get().mask.inverted } }),
      clear: () => get().clearLayer(get().layer),
      clearLayer: (layer) => change(layer === 'markup' ? { markup: [] } : { mask: EMPTY_MASK }),
      undo() {
        const { past, mask, markup, future } = get();
        const previous = past.at(-1);
        if (previous) set({ ...previous, past: past.slice(0, -1), future: [{ mask, markup }, ...future] });
      },
      redo() {
        const { past, mask, markup, future } = get();
        const next = future[0];
        if (next) set({ ...next, past: [...past, { mask, markup }], future: future.slice(1) });
      },
      setPrompt: (prompt) => set({ prompt }),
      setModel: (id) =>
        set((s) => {
          const model = catalogue.models.find((m) => m.id === id);
          return model ? { modelId: id, options: valuesForModel(model, s.options, 'edits') } : {};
        }),

      async submit() {
        const { images, modelId } = get();
        const first = images[0];
        if (!first) return;
        const model = catalogue.models.find((m) => m.id === modelId);
        const spec = model?.endpoints.edits;
        const form = new FormData();
        const fields = editFields(get(), spec);
        for (const [param, value] of Object.entries(fields)) form.append(param, String(value));
        const field = images.length > 1 ? 'image[]' : 'image';
        for (const image of images) form.append(field, image.file, image.name);
        // Markup and a mask do not combine (the form says so and keeps Edit disabled while both have something).
        const png = await get().exportMask();
        if (png) form.append('mask', png, 'mask.png');
        const marks = await get().exportMarkup();
        if (marks) form.append('markup', marks, 'markup.png');
        // Streamed where the model and the chosen format stream (a GIF or an SVG does not).
        if (spec?.options.stream && !paramsLeftOutFor(spec, fields.output_format as string | undefined).has('stream')) {
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
        const settings = { inverted: mask.inverted, feather: mask.feather };
        return maskWorker ? maskWorker.exportPng(mask.shapes, settings, first.width, first.height) : maskPng(mask, first.width, first.height);
      },

      async exportMarkup() {
        const { images, markup } = get();
        const first = images[0];
        if (!first || markup.length === 0) return null;
        return markupWorker ? markupWorker.exportPng(markup, null, first.width, first.height) : markupPng(markup, first.width, first.height);
      },

      connectLayerWorkers() {
        const masks = createLayerExporter<Shape, MaskSettings>(
          new Worker(new URL('../../lib/mask/mask-worker.ts', import.meta.url), { type: 'module', name: 'mask' }),
          (a, b) => a.inverted === b.inverted && a.feather === b.feather,
        );
        const marks = createLayerExporter<Mark, null>(new Worker(new URL('../../lib/markup/markup-worker.ts', import.meta.url), { type: 'module', name: 'markup' }), () => true);
        maskWorker = masks;
        markupWorker = marks;
        const sync = ({ mask, markup, images }: EditorState, before?: EditorState) => {
          const first = images[0];
          if (!first) return;
          const newImage = first !== before?.images[0];
          if (newImage || mask !== before?.mask) masks.sync(mask.shapes, { inverted: mask.inverted, feather: mask.feather }, first.width, first.height);
          if (newImage || markup !== before?.markup) marks.sync(markup, null, first.width, first.height);
        };
        sync(get());
        const stop = subscribe(sync);
        return () => {
          stop();
          masks.dispose();
          marks.dispose();
          if (maskWorker === masks) maskWorker = null;
          if (markupWorker === marks) markupWorker = null;
        };
      },
    };
  });
}
