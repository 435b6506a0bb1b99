/**
 * What the editor tells a layer worker, in order: the mask worker (lib/mask/mask-worker.ts,
 * shapes are mask shapes, settings invert and feather) and the markup worker
 * (lib/markup/markup-worker.ts, shapes are marks, no settings).
 */
export type LayerWorkerRequest<S, Settings = never> =
  /** A new canvas (a new first image, or a whole document redrawn): blank at this size. */
  | { type: 'reset'; width: number; height: number }
  /** Shapes to draw on top of what is there. */
  | { type: 'draw'; shapes: S[] }
  | { type: 'settings'; settings: Settings }
  /** The layer as the PNG the Images API takes. */
  | { type: 'export'; id: number };

export type LayerWorkerReply = { id: number; png: Blob } | { id: number; error: string };
