/**
 * Markup as a document: marks in image pixels, drawn in order over the first image, on a
 * transparent layer of exactly its size. GPT Image 2.5 and 2.6 edits read the layer as
 * guidance (arrows, circles and notes that show what to change); it is not a mask.
 */
export type Mark =
  | { kind: 'pen'; color: string; width: number; points: number[] }
  | { kind: 'arrow'; color: string; width: number; x1: number; y1: number; x2: number; y2: number }
  /** A rectangle or an ellipse, outlined, given by its bounding box. */
  | ({ kind: 'box' } & Outline)
  | ({ kind: 'ellipse' } & Outline)
  /** Text whose top-left corner is at (x, y); `size` is the font's size in image pixels. */
  | { kind: 'note'; color: string; size: number; x: number; y: number; text: string };

type Outline = { color: string; width: number; x: number; y: number; w: number; h: number };

/** The palette: each colour with the name a screen reader says (messages: editor.colors.<name>). */
export const MARK_COLORS = [
  ['red', '#ef4444'],
  ['orange', '#f97316'],
  ['yellow', '#facc15'],
  ['green', '#22c55e'],
  ['blue', '#3b82f6'],
  ['white', '#ffffff'],
  ['black', '#111111'],
] as const;

export const STROKE_WIDTHS = { min: 1, max: 64 };

/** A stroke width that reads at a glance on an image of this size: about 0.6% of its shorter side. */
export const defaultStrokeWidth = (width: number, height: number) => Math.max(3, Math.round(Math.min(width, height) / 160));

/** A note's font size for a stroke width: legible beside the marks it goes with. */
export const noteSize = (strokeWidth: number) => Math.max(14, strokeWidth * 5);

/** A two-corner mark (arrow, box, ellipse) from where a drag started to where it is now. */
export function dragMark(kind: 'arrow' | 'box' | 'ellipse', a: { x: number; y: number }, b: { x: number; y: number }, color: string, width: number): Mark {
  if (kind === 'arrow') return { kind, color, width, x1: a.x, y1: a.y, x2: b.x, y2: b.y };
  return { kind, color, width, x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** Whether a finished drag drew something (a click without moving draws no arrow or box). */
export function isWorthKeeping(mark: Mark): boolean {
  if (mark.kind === 'arrow') return Math.hypot(mark.x2 - mark.x1, mark.y2 - mark.y1) >= 2;
  if (mark.kind === 'box' || mark.kind === 'ellipse') return mark.w >= 2 && mark.h >= 2;
  if (mark.kind === 'note') return mark.text.trim().length > 0;
  return mark.points.length >= 2;
}
