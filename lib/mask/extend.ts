import type { MaskDocument, Shape } from './shapes';

/**
 * Extending the canvas (outpainting): margins added on chosen sides. Shapes already
 * painted move with the image, and the new margins are painted, so the model fills
 * exactly the new area (plus whatever was painted before).
 */
export type Padding = { top: number; right: number; bottom: number; left: number };

export function paddingFor(width: number, height: number, sides: Array<keyof Padding>, fraction: number): Padding {
  const pad = (side: keyof Padding) => (sides.includes(side) ? Math.round((side === 'left' || side === 'right' ? width : height) * fraction) : 0);
  return { top: pad('top'), right: pad('right'), bottom: pad('bottom'), left: pad('left') };
}

function shift(shape: Shape, dx: number, dy: number): Shape {
  if (shape.kind === 'rect') return { ...shape, x: shape.x + dx, y: shape.y + dy };
  return { ...shape, points: shape.points.map((v, i) => v + (i % 2 === 0 ? dx : dy)) };
}

export function extendMask(doc: MaskDocument, pad: Padding, width: number, height: number): MaskDocument {
  const W = width + pad.left + pad.right;
  const H = height + pad.top + pad.bottom;
  const margins: Shape[] = [];
  const rect = (x: number, y: number, w: number, h: number) => w > 0 && h > 0 && margins.push({ kind: 'rect', mode: 'paint', x, y, width: w, height: h });
  rect(0, 0, W, pad.top);
  rect(0, H - pad.bottom, W, pad.bottom);
  rect(0, 0, pad.left, H);
  rect(W - pad.right, 0, pad.right, H);
  // An inverted mask covers what is unpainted, so the margins must be left unpainted there.
  const shapes = doc.shapes.map((s) => shift(s, pad.left, pad.top));
  return doc.inverted
    ? { ...doc, shapes: [...shapes, ...margins.map((m) => ({ ...m, mode: 'erase' as const }))] }
    : { ...doc, shapes: [...shapes, ...margins] };
}
