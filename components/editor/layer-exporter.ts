import type { LayerWorkerReply, LayerWorkerRequest } from '@/lib/mask/layer-protocol';

/**
 * The editor's side of a layer worker (the mask's, lib/mask/mask-worker.ts, and the
 * markup's, lib/markup/markup-worker.ts). `sync` is called on every change of the layer
 * or the first image and posts only what changed: a stroke appended is one message with
 * one shape; undo, clear or another image redraw from blank. `exportPng` then asks for
 * the PNG, which the worker only has to encode.
 */
export type LayerExporter<S, Settings> = {
  sync(shapes: readonly S[], settings: Settings, width: number, height: number): void;
  exportPng(shapes: readonly S[], settings: Settings, width: number, height: number): Promise<Blob>;
  dispose(): void;
};

/** `sameSettings` tells whether settings changed (they are posted again only then). */
export function createLayerExporter<S, Settings>(worker: Worker, sameSettings: (a: Settings, b: Settings) => boolean): LayerExporter<S, Settings> {
  let posted: { width: number; height: number; shapes: readonly S[]; settings: Settings } | null = null;
  const waiting = new Map<number, { resolve(png: Blob): void; reject(error: Error): void }>();
  let nextId = 1;
  const post = (message: LayerWorkerRequest<S, Settings>) => worker.postMessage(message);

  worker.onmessage = ({ data }: MessageEvent<LayerWorkerReply>) => {
    const pending = waiting.get(data.id);
    waiting.delete(data.id);
    if ('png' in data) pending?.resolve(data.png);
    else pending?.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    for (const pending of waiting.values()) pending.reject(new Error(event.message || 'The layer could not be prepared.'));
    waiting.clear();
  };

  const sync = (shapes: readonly S[], settings: Settings, width: number, height: number) => {
    const extends_ = posted && posted.width === width && posted.height === height && posted.shapes.length <= shapes.length && posted.shapes.every((shape, i) => shapes[i] === shape);
    if (!extends_) {
      post({ type: 'reset', width, height });
      if (shapes.length) post({ type: 'draw', shapes: [...shapes] });
    } else if (shapes.length > posted!.shapes.length) {
      post({ type: 'draw', shapes: shapes.slice(posted!.shapes.length) });
    }
    if (!extends_ || !sameSettings(posted!.settings, settings)) post({ type: 'settings', settings });
    posted = { width, height, shapes, settings };
  };

  return {
    sync,
    exportPng(shapes, settings, width, height) {
      sync(shapes, settings, width, height);
      const id = nextId++;
      return new Promise<Blob>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ type: 'export', id });
      });
    },
    dispose: () => worker.terminate(),
  };
}
