import type { MaskDocument, Shape } from '@/lib/mask/shapes';
import type { MaskWorkerReply, MaskWorkerRequest } from '@/lib/mask/worker-protocol';

/**
 * The editor's side of the mask worker (lib/mask/mask-worker.ts). `sync` is called on
 * every change of the mask or the first image and posts only what changed: a stroke
 * appended is one message with one shape; undo, clear or another image redraw from
 * blank. `exportPng` then asks for the PNG, which the worker only has to encode.
 */
export type MaskExporter = {
  sync(doc: MaskDocument, width: number, height: number): void;
  exportPng(doc: MaskDocument, width: number, height: number): Promise<Blob>;
  dispose(): void;
};

export function createMaskExporter(): MaskExporter {
  const worker = new Worker(new URL('../../lib/mask/mask-worker.ts', import.meta.url), { type: 'module', name: 'mask' });
  let posted: { width: number; height: number; shapes: readonly Shape[]; inverted: boolean; feather: number } | null = null;
  const waiting = new Map<number, { resolve(png: Blob): void; reject(error: Error): void }>();
  let nextId = 1;
  const post = (message: MaskWorkerRequest) => worker.postMessage(message);

  worker.onmessage = ({ data }: MessageEvent<MaskWorkerReply>) => {
    const pending = waiting.get(data.id);
    waiting.delete(data.id);
    if ('png' in data) pending?.resolve(data.png);
    else pending?.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    for (const pending of waiting.values()) pending.reject(new Error(event.message || 'The mask could not be prepared.'));
    waiting.clear();
  };

  const sync = (doc: MaskDocument, width: number, height: number) => {
    const extends_ = posted && posted.width === width && posted.height === height && posted.shapes.length <= doc.shapes.length && posted.shapes.every((shape, i) => doc.shapes[i] === shape);
    if (!extends_) {
      post({ type: 'reset', width, height });
      if (doc.shapes.length) post({ type: 'draw', shapes: doc.shapes });
    } else if (doc.shapes.length > posted!.shapes.length) {
      post({ type: 'draw', shapes: doc.shapes.slice(posted!.shapes.length) });
    }
    if (!extends_ || posted!.inverted !== doc.inverted || posted!.feather !== doc.feather) post({ type: 'settings', inverted: doc.inverted, feather: doc.feather });
    posted = { width, height, shapes: doc.shapes, inverted: doc.inverted, feather: doc.feather };
  };

  return {
    sync,
    exportPng(doc, width, height) {
      sync(doc, width, height);
      const id = nextId++;
      return new Promise<Blob>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ type: 'export', id });
      });
    },
    dispose: () => worker.terminate(),
  };
}
