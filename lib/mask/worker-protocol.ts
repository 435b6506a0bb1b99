import type { Shape } from './shapes';

/** What the editor tells the mask worker (lib/mask/mask-worker.ts), in order. */
export type MaskWorkerRequest =
  /** A new canvas (a new first image, or a whole document redrawn): blank coverage at this size. */
  | { type: 'reset'; width: number; height: number }
  /** Shapes to draw on top of what is there. */
  | { type: 'draw'; shapes: Shape[] }
  | { type: 'settings'; inverted: boolean; feather: number }
  /** The mask as the Images API wants it: a PNG, alpha 0 where the image may change. */
  | { type: 'export'; id: number };

export type MaskWorkerReply = { id: number; png: Blob } | { id: number; error: string };
