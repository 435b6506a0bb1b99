/**
 * The mask as a document: shapes in image pixels, painted ("may change") or erased,
 * in order, plus invert and feather. This is what undo and redo step through.
 */
export type Mode = 'paint' | 'erase';
export type Shape =
  | { kind: 'brush'; mode: Mode; radius: number; points: number[] }
  | { kind: 'rect'; mode: Mode; x: number; y: number; width: number; height: number }
  | { kind: 'lasso'; mode: Mode; points: number[] };
export type MaskDocument = { shapes: Shape[]; inverted: boolean; feather: number };

export const EMPTY_MASK: MaskDocument = { shapes: [], inverted: false, feather: 0 };

/** A rectangle from two corners dragged in any direction. */
export function rectFrom(a: { x: number; y: number }, b: { x: number; y: number }, mode: Mode): Shape {
  return { kind: 'rect', mode, x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}
