import type { MaskDocument, Shape } from './shapes';

/**
 * Rasterises a mask document to pixels, in plain TypeScript (no canvas), so the exact
 * same code runs in tests and in the browser. Coverage is 255 where the image may change.
 * A pixel is covered when its centre is inside a shape.
 */
export function coverage(doc: MaskDocument, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  drawShapes(out, width, height, doc.shapes);
  return finishCoverage(out, doc, width, height);
}

/**
 * Draws shapes, in order, onto raw coverage (before feather and invert). A later shape
 * overwrites an earlier one, so drawing a document's shapes one change at a time gives
 * exactly what drawing them all at once gives: the mask worker relies on that.
 */
export function drawShapes(out: Uint8Array, width: number, height: number, shapes: readonly Shape[]) {
  for (const shape of shapes) drawShape(out, width, height, shape, shape.mode === 'paint' ? 255 : 0);
}

/**
 * Raw coverage with the document's feather and invert applied. `raw` is never changed
 * (the mask worker keeps drawing on it); it is returned as it is when there is nothing to apply.
 */
export function finishCoverage(raw: Uint8Array, doc: Pick<MaskDocument, 'feather' | 'inverted'>, width: number, height: number): Uint8Array {
  const feathered = doc.feather > 0 ? boxBlur(raw, width, height, Math.round(doc.feather)) : doc.inverted ? raw.slice() : raw;
  if (doc.inverted) for (let i = 0; i < feathered.length; i++) feathered[i] = 255 - feathered[i]!;
  return feathered;
}

/** The Images API's mask: RGBA, alpha 0 where the image may change, opaque elsewhere. */
export function maskRgba(doc: MaskDocument, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(width * height * 4);
  writeMaskAlpha(coverage(doc, width, height), rgba);
  return rgba;
}

/** Writes coverage into RGBA pixels as the mask's alpha (black, alpha 255 − coverage), a word at a time. */
export function writeMaskAlpha(cover: Uint8Array, rgba: Uint8ClampedArray) {
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, cover.length);
  // Alpha is the high byte of a little-endian RGBA word (every browser and Node target).
  for (let i = 0; i < cover.length; i++) words[i] = (255 - cover[i]!) << 24;
}

function drawShape(out: Uint8Array, width: number, height: number, shape: Shape, value: number) {
  if (shape.kind === 'rect') {
    const x0 = Math.max(0, Math.round(shape.x));
    const y0 = Math.max(0, Math.round(shape.y));
    const x1 = Math.min(width, Math.round(shape.x + shape.width));
    const y1 = Math.min(height, Math.round(shape.y + shape.height));
    for (let y = y0; y < y1; y++) out.fill(value, y * width + x0, y * width + Math.max(x0, x1));
  } else if (shape.kind === 'brush') {
    const p = shape.points;
    if (p.length === 2) capsule(out, width, height, p[0]!, p[1]!, p[0]!, p[1]!, shape.radius, value);
    for (let i = 2; i + 1 < p.length; i += 2) capsule(out, width, height, p[i - 2]!, p[i - 1]!, p[i]!, p[i + 1]!, shape.radius, value);
  } else {
    polygon(out, width, height, shape.points, value);
  }
}

/**
 * Every pixel whose centre is within `r` of the segment a→b. A capsule is convex, so
 * each row meets it in one interval: the union of its two end discs and the band
 * between them. Filling that span per row costs its height, not its area.
 */
function capsule(out: Uint8Array, width: number, height: number, ax: number, ay: number, bx: number, by: number, r: number, value: number) {
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + r));
  const len = Math.hypot(bx - ax, by - ay);
  // The band's corners: the segment pushed out by r on both sides.
  const nx = len === 0 ? 0 : (-(by - ay) / len) * r;
  const ny = len === 0 ? 0 : ((bx - ax) / len) * r;
  const band = [ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny, ax - nx, ay - ny];
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    let lo = Infinity;
    let hi = -Infinity;
    for (const [cx, cy] of [[ax, ay], [bx, by]] as const) {
      const dy = py - cy;
      if (dy * dy <= r * r) {
        const dx = Math.sqrt(r * r - dy * dy);
        lo = Math.min(lo, cx - dx);
        hi = Math.max(hi, cx + dx);
      }
    }
    if (len > 0) {
      for (let i = 0; i < 4; i++) {
        const x1 = band[i * 2]!, y1e = band[i * 2 + 1]!, x2 = band[((i + 1) % 4) * 2]!, y2 = band[((i + 1) % 4) * 2 + 1]!;
        if ((y1e <= py && py <= y2) || (y2 <= py && py <= y1e)) {
          const x = y2 === y1e ? Math.min(x1, x2) : x1 + ((py - y1e) / (y2 - y1e)) * (x2 - x1);
          lo = Math.min(lo, y2 === y1e ? Math.min(x1, x2) : x);
          hi = Math.max(hi, y2 === y1e ? Math.max(x1, x2) : x);
        }
      }
    }
    if (lo > hi) continue;
    // Pixels whose centre lies within [lo, hi].
    const from = Math.max(0, Math.ceil(lo - 0.5));
    const to = Math.min(width - 1, Math.floor(hi - 0.5));
    if (to >= from) out.fill(value, y * width + from, y * width + to + 1);
  }
}

/** Even-odd scanline fill of a closed polygon [x0, y0, x1, y1, …]. */
function polygon(out: Uint8Array, width: number, height: number, points: number[], value: number) {
  const n = points.length / 2;
  if (n < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 1; i < points.length; i += 2) {
    minY = Math.min(minY, points[i]!);
    maxY = Math.max(maxY, points[i]!);
  }
  const crossings: number[] = [];
  for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(height - 1, Math.ceil(maxY)); y++) {
    const py = y + 0.5;
    crossings.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = points[i * 2 + 1]!;
      const yj = points[j * 2 + 1]!;
      if (yi > py !== yj > py) {
        const xi = points[i * 2]!;
        const xj = points[j * 2]!;
        crossings.push(xi + ((py - yi) / (yj - yi)) * (xj - xi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixels whose centre lies between the two crossings.
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const to = Math.min(width - 1, Math.floor(crossings[k + 1]! - 0.5));
      if (to >= from) out.fill(value, y * width + from, y * width + to + 1);
    }
  }
}

/** A separable box blur of radius r: soft edges for feathered masks. */
function boxBlur(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const tmp = new Uint8Array(src.length);
  const out = new Uint8Array(src.length);
  const size = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    let sum = 0;
    for (let x = -r; x <= r; x++) sum += src[y * width + Math.min(width - 1, Math.max(0, x))]!;
    for (let x = 0; x < width; x++) {
      tmp[y * width + x] = Math.round(sum / size);
      sum += src[y * width + Math.min(width - 1, x + r + 1)]! - src[y * width + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let y = -r; y <= r; y++) sum += tmp[Math.min(height - 1, Math.max(0, y)) * width + x]!;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = Math.round(sum / size);
      sum += tmp[Math.min(height - 1, y + r + 1) * width + x]! - tmp[Math.max(0, y - r) * width + x]!;
    }
  }
  return out;
}
