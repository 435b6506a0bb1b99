'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { fitView, zoomAt } from '@/lib/mask/geometry';
import type { ClientCatalogue } from '@/lib/models/availability';
import { estimateCost, inputImageTokens, type CostRequest } from '@/lib/models/cost';
import { editOutputSize } from '@/lib/models/sizes';
import { modelsFor } from '@/lib/models/registry';
import { CostLine } from '../studio/cost-line';
import { Results } from '../studio/results';
import { EditorProvider, useEditor } from './editor-provider';
import { EditOptions, useEditIssues } from './edit-options';
import { ExtendCanvas } from './extend-canvas';
import { EditorAnnouncer } from './announcements';
import { InputFix, inputProblems } from './input-fix';
import { BRUSH_SIZES, editFields, type Layer, type Tool } from './editor-store';
import { STROKE_WIDTHS } from '@/lib/markup/marks';
import { ColorPicker, LayerSwitch, MarkupNotice, useMarkupProblem } from './markup-controls';

// Konva needs the browser: load the stage on the client only.
const MaskStage = dynamic(() => import('./mask-stage'), { ssr: false, loading: () => <CanvasLoading /> });

function CanvasLoading() {
  return <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">{useTranslations('editor')('loadingCanvas')}</p>;
}

/** Each layer's tools and their keys (a tool's key also switches to its layer). */
const TOOLS: Record<Layer, Array<[Tool, string]>> = {
  mask: [
    ['brush', 'B'],
    ['eraser', 'E'],
    ['rect', 'R'],
    ['lasso', 'L'],
    ['pan', 'H'],
  ],
  markup: [
    ['pen', 'P'],
    ['arrow', 'A'],
    ['box', 'U'],
    ['ellipse', 'O'],
    ['note', 'T'],
    ['pan', 'H'],
  ],
};
const ALL_TOOLS = [...TOOLS.mask, ...TOOLS.markup];

export function Editor({ catalogue, fromGallery }: { catalogue: ClientCatalogue; fromGallery?: string }) {
  return (
    <EditorProvider catalogue={catalogue} restoreDraft={!fromGallery}>
      <EditorLayout fromGallery={fromGallery} />
    </EditorProvider>
  );
}

function EditorLayout({ fromGallery }: { fromGallery?: string }) {
  const s = useEditor(
    useShallow((e) => ({
      images: e.images, addImages: e.addImages, removeImage: e.removeImage, tool: e.tool, setTool: e.setTool, brushSize: e.brushSize,
      setBrushSize: e.setBrushSize, undo: e.undo, redo: e.redo, invert: e.invert, clear: e.clear, mask: e.mask, setFeather: e.setFeather,
      canUndo: e.past.length > 0, canRedo: e.future.length > 0, view: e.view, setView: e.setView, status: e.status, replaceFirst: e.replaceFirst,
      layer: e.layer, setLayer: e.setLayer, strokeWidth: e.strokeWidth, setStrokeWidth: e.setStrokeWidth,
    })),
  );
  // A result taken back onto the canvas, to go on editing it (its mask starts clear).
  const takeResult = async (src: string, name: string) => {
    // Results arrive as data: URLs, which the page's policy does not let fetch read: decode them here.
    const data = /^data:([^;,]+);base64,(.*)$/.exec(src);
    const blob = data ? new Blob([Uint8Array.from(atob(data[2]!), (c) => c.charCodeAt(0))], { type: data[1] }) : await (await fetch(src)).blob();
    await s.replaceFirst(blob, name);
  };
  const picker = useRef<HTMLInputElement>(null);
  const t = useTranslations('editor');
  const [dragging, setDragging] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const stageBox = useRef<HTMLDivElement>(null);
  const fit = () => {
    const first = s.images[0];
    const box = stageBox.current?.getBoundingClientRect();
    if (first && box) s.setView(fitView(first, box));
  };
  const zoom = (factor: number) => {
    const box = stageBox.current?.getBoundingClientRect();
    if (s.view && box) s.setView(zoomAt(s.view, factor, { x: box.width / 2, y: box.height / 2 }));
  };

  const add = async (files: Blob[], names?: string[]) => {
    const images = files.filter((f) => f.type.startsWith('image/'));
    if (!images.length) {
      setLoadError(t('notImage'));
      return;
    }
    setLoadError(null);
    await s.addImages(images, names);
  };

  // An image from the gallery (?from=<id>): its original bytes, as if uploaded.
  useEffect(() => {
    if (!fromGallery) return;
    void (async () => {
      const res = await fetch(`/api/v1/gallery/${fromGallery}/image`);
      if (!res.ok) return setLoadError(t('galleryLoadFailed'));
      const blob = await res.blob();
      await s.addImages([blob], [`${fromGallery}.${blob.type.split('/')[1] ?? 'png'}`]);
    })();
    // Once, for the image named in the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromGallery]);

  // Paste an image from the clipboard, anywhere on the page.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      if (files.length) {
        e.preventDefault();
        void add(files);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  });

  // Keyboard: tools, brush size, undo/redo, invert, fit.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        s.redo();
      } else if (!mod && (e.key === '[' || e.key === ']')) {
        const factor = e.key === '[' ? 1 / 1.25 : 1.25;
        if (s.layer === 'markup') s.setStrokeWidth(e.key === '[' ? Math.min(s.strokeWidth - 1, s.strokeWidth * factor) : Math.max(s.strokeWidth + 1, s.strokeWidth * factor));
        else s.setBrushSize(s.brushSize * factor);
      } else if (!mod && e.key.toLowerCase() === 'm') s.setLayer(s.layer === 'mask' ? 'markup' : 'mask');
      else if (!mod && e.key === 'i' && s.layer === 'mask') s.invert();
      else if (!mod && e.key === '0') fit();
      else if (!mod && (e.key === '+' || e.key === '=')) zoom(1.25);
      else if (!mod && e.key === '-') zoom(1 / 1.25);
      else if (!mod) {
        const tool = ALL_TOOLS.find(([, key]) => key.toLowerCase() === e.key.toLowerCase());
        if (tool) s.setTool(tool[0]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const button = 'rounded-md border px-2 py-1 text-xs font-medium disabled:opacity-40';
  const idle = 'border-zinc-300 hover:border-zinc-500 dark:border-zinc-700';
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_360px]">
      {/* min-w-0: a grid item is as wide as its content by default, and the canvas would hold the column open. */}
      <section aria-label={t('canvas')} className="min-w-0 space-y-2">
        <div role="toolbar" aria-label={t(s.layer === 'mask' ? 'maskTools' : 'markupTools')} className="flex flex-wrap items-center gap-1.5">
          <LayerSwitch />
          <span className="mx-1 h-5 w-px bg-zinc-300 dark:bg-zinc-700" aria-hidden />
          {TOOLS[s.layer].map(([id, key]) => (
            <button key={id} type="button" aria-pressed={s.tool === id} title={`${t(`tools.${id}`)} (${key})`} onClick={() => s.setTool(id)} className={`${button} ${s.tool === id ? 'border-accent bg-accent text-white' : idle}`}>
              {t(`tools.${id}`)}
            </button>
          ))}
          {s.layer === 'mask' ? (
            <>
              <label className="ml-2 flex items-center gap-1 text-xs">
                {t('size')}
                <input type="range" min={BRUSH_SIZES.min} max={BRUSH_SIZES.max} value={s.brushSize} onChange={(e) => s.setBrushSize(Number(e.target.value))} aria-label={t('brushSize')} className="w-28 accent-accent" />
                <span className="w-10 tabular-nums">{s.brushSize}px</span>
              </label>
              <label className="flex items-center gap-1 text-xs">
                {t('feather')}
                <input type="range" min={0} max={64} value={s.mask.feather} onChange={(e) => s.setFeather(Number(e.target.value))} aria-label={t('feather')} className="w-20 accent-accent" />
              </label>
            </>
          ) : (
            <>
              <label className="ml-2 flex items-center gap-1 text-xs">
                {t('stroke')}
                <input type="range" min={STROKE_WIDTHS.min} max={STROKE_WIDTHS.max} value={s.strokeWidth} onChange={(e) => s.setStrokeWidth(Number(e.target.value))} aria-label={t('strokeWidth')} className="w-24 accent-accent" />
                <span className="w-10 tabular-nums">{s.strokeWidth}px</span>
              </label>
              <ColorPicker />
            </>
          )}
          <span className="mx-1 h-5 w-px bg-zinc-300 dark:bg-zinc-700" aria-hidden />
          <button type="button" onClick={s.undo} disabled={!s.canUndo} title={t('undoHint')} className={`${button} ${idle}`}>{t('undo')}</button>
          <button type="button" onClick={s.redo} disabled={!s.canRedo} title={t('redoHint')} className={`${button} ${idle}`}>{t('redo')}</button>
          {s.layer === 'mask' && (
            <button type="button" onClick={s.invert} aria-pressed={s.mask.inverted} title={t('invertHint')} className={`${button} ${s.mask.inverted ? 'border-accent text-accent dark:text-accent-light' : idle}`}>{t('invert')}</button>
          )}
          <button type="button" onClick={s.clear} title={t(s.layer === 'mask' ? 'clearHint' : 'clearMarkupHint')} className={`${button} ${idle}`}>{t('clear')}</button>
          <span className="mx-1 h-5 w-px bg-zinc-300 dark:bg-zinc-700" aria-hidden />
          <button type="button" onClick={() => zoom(1 / 1.25)} title={t('zoomOutHint')} className={`${button} ${idle}`} aria-label={t('zoomOut')}>−</button>
          <span className="w-12 text-center text-xs tabular-nums" data-testid="zoom-level">{s.view ? `${Math.round(s.view.zoom * 100)}%` : '—'}</span>
          <button type="button" onClick={() => zoom(1.25)} title={t('zoomInHint')} className={`${button} ${idle}`} aria-label={t('zoomIn')}>+</button>
          <button type="button" onClick={fit} title={t('fitHint')} className={`${button} ${idle}`}>{t('fit')}</button>
        </div>
        <div
          ref={stageBox}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void add([...e.dataTransfer.files]);
          }}
          className={`relative h-[62vh] min-h-80 overflow-hidden rounded-xl border-2 bg-[conic-gradient(#e4e4e7_25%,transparent_0_50%,#e4e4e7_0_75%,transparent_0)] bg-[length:16px_16px] dark:bg-[conic-gradient(#27272a_25%,transparent_0_50%,#27272a_0_75%,transparent_0)] ${dragging ? 'border-accent' : 'border-zinc-200 dark:border-zinc-800'}`}
        >
          {s.images.length ? (
            <MaskStage />
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-3 text-center text-sm text-zinc-600 dark:text-zinc-300">
              <p>{t('drop')}</p>
              <button type="button" onClick={() => picker.current?.click()} className="rounded-lg bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong">{t('choose')}</button>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('thenPaint')}</p>
            </div>
          )}
        </div>
        <input ref={picker} type="file" accept="image/png,image/jpeg,image/webp" multiple hidden aria-label={t('chooseImages')} data-testid="file-input" onChange={(e) => void add([...(e.target.files ?? [])])} />
        {loadError && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{loadError}</p>}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t(s.layer === 'mask' ? 'howTo' : 'markupAbout')}</p>
        <p id="editor-keys" className="text-xs text-zinc-500 dark:text-zinc-400">{t('keys')}</p>
        <EditorAnnouncer />
      </section>
      <aside className="min-w-0 space-y-4">
        <InputList onAdd={() => picker.current?.click()} />
        <ExtendCanvas />
        <EditForm />
        <Results onUseAsInput={(src, name) => void takeResult(src, name)} />
      </aside>
    </div>
  );
}

function InputList({ onAdd }: { onAdd: () => void }) {
  const { images, removeImage } = useEditor(useShallow((e) => ({ images: e.images, removeImage: e.removeImage })));
  const t = useTranslations('editor');
  if (!images.length) return null;
  return (
    <section aria-label={t('inputImages')}>
      <h2 className="mb-1 text-sm font-semibold">{t('images')}</h2>
      <ul className="flex flex-wrap gap-2">
        {images.map((image, i) => (
          <li key={image.key} className="relative">
            {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL */}
            <img src={image.url} alt={image.name} className={`h-16 w-16 rounded-md border object-cover ${i === 0 ? 'border-accent ring-2 ring-accent/40' : 'border-zinc-300 dark:border-zinc-700'}`} />
            <button type="button" onClick={() => removeImage(image.key)} aria-label={t('remove', { name: image.name })} className="absolute -right-1.5 -top-1.5 h-5 w-5 rounded-full bg-zinc-900 text-xs text-white">×</button>
          </li>
        ))}
        <li>
          <button type="button" onClick={onAdd} className="h-16 w-16 rounded-md border-2 border-dashed border-zinc-300 text-xl text-zinc-500 dark:text-zinc-400 dark:border-zinc-700" aria-label={t('addImages')}>+</button>
        </li>
      </ul>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{t('maskFirst', { width: images[0]!.width, height: images[0]!.height })}</p>
    </section>
  );
}

function EditForm() {
  const e = useEditor(useShallow((x) => ({ catalogue: x.catalogue, modelId: x.modelId, setModel: x.setModel, prompt: x.prompt, setPrompt: x.setPrompt, submit: x.submit, vary: x.vary, cancel: x.cancel, status: x.status, images: x.images.length })));
  const t = useTranslations('editor');
  const variationModel = modelsFor(e.catalogue, 'variations').find((m) => e.catalogue.availability[m.id]?.available !== false);
  const models = modelsFor(e.catalogue, 'edits');
  const editModel = e.catalogue.models.find((m) => m.id === e.modelId);
  const issues = useEditIssues();
  const first = useEditor((x) => x.images[0]);
  const needsFix = inputProblems(first, editModel?.endpoints.edits?.inputs).any;
  // Make variations checks its input as Edit does: what does not fit is offered the fix first, never sent.
  const variationRules = variationModel?.endpoints.variations?.inputs;
  const [variationFixShown, setVariationFixShown] = useState(false);
  const makeVariations = () => {
    if (inputProblems(first, variationRules).any) setVariationFixShown(true);
    else void e.vary();
  };
  const running = e.status === 'running';
  const markupProblem = useMarkupProblem();
  const canSend = !running && e.images > 0 && e.prompt.trim().length > 0 && Object.keys(issues).length === 0 && !needsFix && !markupProblem;
  return (
    <form
      className="space-y-2"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (canSend) void e.submit();
      }}
    >
      <label className="block text-sm font-semibold" htmlFor="edit-model">{t('model')}</label>
      <select id="edit-model" value={e.modelId} onChange={(ev) => e.setModel(ev.target.value)} className="w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
        {models.map((m) => (
          <option key={m.id} value={m.id} disabled={e.catalogue.availability[m.id]?.available === false}>
            {t('modelImages', { label: m.label, count: m.endpoints.edits!.inputs!.maxImages })}
          </option>
        ))}
      </select>
      <InputFix rules={editModel?.endpoints.edits?.inputs} who={editModel?.label ?? e.modelId} />
      <EditOptions />
      <label className="block text-sm font-semibold" htmlFor="edit-prompt">{t('describe')}</label>
      <textarea
        id="edit-prompt"
        rows={3}
        value={e.prompt}
        onChange={(ev) => e.setPrompt(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
            ev.preventDefault();
            if (canSend) void e.submit();
          }
        }}
        placeholder={t('promptPlaceholder')}
        className="w-full rounded-lg border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <MarkupNotice />
      <EditCost />
      {running ? (
        <button key="cancel" type="button" onClick={() => e.cancel()} className="w-full rounded-lg border border-red-500 px-4 py-2 text-sm font-semibold text-red-600 dark:text-red-400">{t('cancel')}</button>
      ) : (
        <button key="send" type="submit" disabled={!canSend} className="w-full rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong disabled:opacity-40">
          {t('editImage')}
        </button>
      )}
      {variationModel && !running && (
        <button type="button" onClick={makeVariations} disabled={e.images === 0} title={t('variationsHint', { model: variationModel.label })} className="w-full rounded-lg border border-accent px-4 py-2 text-sm font-semibold text-accent dark:text-accent-light disabled:opacity-40">
          {t('makeVariations')}
        </button>
      )}
      {variationModel && variationFixShown && <InputFix rules={variationRules} who={t('variationsOf', { model: variationModel.label })} />}
    </form>
  );
}

/** The edit's estimated cost: the model's output price plus the input images' tokens. */
function EditCost() {
  const { catalogue, modelId, prompt, options, images, finishedAt } = useEditor(useShallow((x) => ({ catalogue: x.catalogue, modelId: x.modelId, prompt: x.prompt, options: x.options, images: x.images, finishedAt: x.finishedAt })));
  const model = catalogue.models.find((m) => m.id === modelId);
  if (!model) return null;
  const inputTokens = images.reduce((sum, image) => sum + inputImageTokens(image.width, image.height), 0);
  const fields = editFields({ modelId, prompt, options }, model.endpoints.edits) as CostRequest;
  // Priced at the size it will be made at (auto: the preset nearest the first image's shape), as the server prices it.
  const made = images[0] && model.family === 'gpt-image' && model.endpoints.edits ? editOutputSize(model.endpoints.edits.sizes, fields.size, images[0]) : null;
  return <CostLine refreshKey={finishedAt} cost={estimateCost(model, 'edits', { ...fields, ...(made ? { size: `${made.width}x${made.height}` } : {}), inputImageTokens: inputTokens })} />;
}
