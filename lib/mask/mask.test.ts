import { describe, expect, test } from 'vitest';
import { fitView, imageToScreen, pinch, screenToImage, zoomAt, type View } from './geometry';
import { coverage, drawShapes, finishCoverage, maskRgba } from './rasterize';
import { rectFrom, type MaskDocument } from './shapes';

const doc = (shapes: MaskDocument['shapes'], extra: Partial<MaskDocument> = {}): MaskDocument => ({ shapes, inverted: false, feather: 0, ...extra });
const covered = (c: Uint8Array, w: number, x: number, y: number) => c[y * w + x] === 255;

describe('view geometry', () => {
  const views: View[] = [
    { zoom: 1, panX: 0, panY: 0 },
    { zoom: 0.37, panX: 120, panY: -40 },
    { zoom: 2.5, panX: -800, panY: 33.5 },
    { zoom: 8, panX: -3000, panY: -2000 },
  ];

  test.each(views)('screen and image points round-trip at zoom %o', (view) => {
    for (const p of [{ x: 0, y: 0 }, { x: 513.25, y: 77.5 }, { x: 1023, y: 1535 }]) {
      const back = screenToImage(imageToScreen(p, view), view);
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
  });

  test('fit centres the whole image, for wide and tall images alike', () => {
    const wide = fitView({ width: 1536, height: 1024 }, { width: 800, height: 600 }, 0);
    expect(wide.zoom).toBeCloseTo(800 / 1536, 9);
    expect(imageToScreen({ x: 768, y: 512 }, wide)).toEqual({ x: 400, y: 300 });
    const tall = fitView({ width: 1024, height: 1792 }, { width: 800, height: 600 }, 0);
    expect(tall.zoom).toBeCloseTo(600 / 1792, 9);
  });

  test('zooming keeps the point under the cursor still', () => {
    const view = { zoom: 0.5, panX: 10, panY: 20 };
    const anchor = { x: 300, y: 200 };
    const before = screenToImage(anchor, view);
    for (const factor of [1.25, 0.8, 4]) {
      const after = screenToImage(anchor, zoomAt(view, factor, anchor));
      expect(after.x).toBeCloseTo(before.x, 9);
      expect(after.y).toBeCloseTo(before.y, 9);
    }
  });

  test('a pinch keeps the image under both fingers', () => {
    const view = { zoom: 1, panX: 0, panY: 0 };
    const a0 = { x: 100, y: 100 };
    const b0 = { x: 200, y: 100 };
    const a1 = { x: 80, y: 120 };
    const b1 = { x: 280, y: 120 };
    const next = pinch(view, [a0, b0], [a1, b1]);
    expect(next.zoom).toBeCloseTo(2, 9);
    const ia = screenToImage(a0, view);
    expect(imageToScreen(ia, next).x).toBeCloseTo(a1.x, 6);
    expect(imageToScreen(ia, next).y).toBeCloseTo(a1.y, 6);
  });

  test('a stroke drawn at any zoom, pan and pixel ratio lands on the same image pixels', () => {
    // The same image points, reached through different views: the pointer reports CSS
    // pixels whatever the device pixel ratio, so the ratio never enters the mapping.
    const target = [{ x: 100, y: 100 }, { x: 300, y: 180 }];
    const masks = views.map((view) => {
      const points = target.map((p) => screenToImage(imageToScreen(p, view), view)).flatMap((p) => [p.x, p.y]);
      return coverage(doc([{ kind: 'brush', mode: 'paint', radius: 12, points }]), 512, 384);
    });
    for (const m of masks.slice(1)) expect(m).toEqual(masks[0]);
  });
});

describe('rasterising', () => {
  test('a rectangle covers exactly its pixels, on a non-square image', () => {
    const c = coverage(doc([rectFrom({ x: 30, y: 10 }, { x: 10, y: 20 }, 'paint')]), 64, 32);
    let count = 0;
    for (let i = 0; i < c.length; i++) if (c[i] === 255) count++;
    expect(count).toBe(20 * 10);
    expect(covered(c, 64, 10, 10)).toBe(true);
    expect(covered(c, 64, 29, 19)).toBe(true);
    expect(covered(c, 64, 30, 19)).toBe(false);
    expect(covered(c, 64, 9, 10)).toBe(false);
  });

  test('a brush dab covers a disc; a stroke covers the capsule between points', () => {
    const dab = coverage(doc([{ kind: 'brush', mode: 'paint', radius: 5, points: [20, 20] }]), 40, 40);
    expect(covered(dab, 40, 20, 20)).toBe(true);
    expect(covered(dab, 40, 24, 20)).toBe(true);
    expect(covered(dab, 40, 26, 20)).toBe(false);
    const stroke = coverage(doc([{ kind: 'brush', mode: 'paint', radius: 3, points: [5, 20, 35, 20] }]), 40, 40);
    expect(covered(stroke, 40, 20, 21)).toBe(true);
    expect(covered(stroke, 40, 20, 24)).toBe(false);
  });

  test('the eraser removes what was painted before it, and order matters', () => {
    const painted = rectFrom({ x: 0, y: 0 }, { x: 40, y: 40 }, 'paint');
    const erased = rectFrom({ x: 10, y: 10 }, { x: 20, y: 20 }, 'erase');
    const c = coverage(doc([painted, erased]), 40, 40);
    expect(covered(c, 40, 15, 15)).toBe(false);
    expect(covered(c, 40, 5, 5)).toBe(true);
    expect(covered(coverage(doc([erased, painted]), 40, 40), 40, 15, 15)).toBe(true);
  });

  test('a lasso fills its polygon', () => {
    const c = coverage(doc([{ kind: 'lasso', mode: 'paint', points: [10, 10, 50, 10, 10, 50] }]), 64, 64);
    expect(covered(c, 64, 15, 15)).toBe(true);
    expect(covered(c, 64, 45, 45)).toBe(false);
    expect(covered(c, 64, 29, 29)).toBe(true);
  });

  test('invert swaps covered and uncovered; feather softens the edge only', () => {
    const shapes = [rectFrom({ x: 8, y: 8 }, { x: 24, y: 24 }, 'paint')];
    const inv = coverage(doc(shapes, { inverted: true }), 32, 32);
    expect(covered(inv, 32, 16, 16)).toBe(false);
    expect(covered(inv, 32, 1, 1)).toBe(true);
    const soft = coverage(doc(shapes, { feather: 3 }), 32, 32);
    expect(soft[16 * 32 + 16]).toBe(255);
    expect(soft[0]).toBe(0);
    const edge = soft[16 * 32 + 8]!;
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(255);
  });

  test('the exported mask is the image size, alpha 0 where painted and opaque elsewhere', () => {
    const rgba = maskRgba(doc([rectFrom({ x: 0, y: 0 }, { x: 2, y: 1 }, 'paint')]), 3, 2);
    expect(rgba.length).toBe(3 * 2 * 4);
    expect([...rgba].filter((_, i) => i % 4 === 3)).toEqual([0, 0, 255, 255, 255, 255]);
    // Black everywhere: only alpha carries the mask.
    expect([...rgba].filter((_, i) => i % 4 !== 3).every((v) => v === 0)).toBe(true);
  });

  test('drawing shapes one change at a time, as the mask worker does, gives exactly the whole document', () => {
    const shapes: MaskDocument['shapes'] = [
      { kind: 'brush', mode: 'paint', radius: 7.5, points: [5, 5, 60, 40, 20, 58] },
      rectFrom({ x: 30, y: 2 }, { x: 62, y: 30 }, 'paint'),
      { kind: 'brush', mode: 'erase', radius: 4, points: [0, 20, 64, 22] },
      { kind: 'lasso', mode: 'paint', points: [2, 62, 30, 35, 40, 63] },
    ];
    for (const extra of [{}, { inverted: true }, { feather: 3 }, { inverted: true, feather: 2 }]) {
      const whole = doc(shapes, extra);
      const raw = new Uint8Array(64 * 64);
      for (const shape of shapes) drawShapes(raw, 64, 64, [shape]);
      expect(finishCoverage(raw, whole, 64, 64)).toEqual(coverage(whole, 64, 64));
      // Finishing leaves the raw coverage as it was: the worker finishes it after every change.
      expect(finishCoverage(raw, whole, 64, 64)).toEqual(coverage(whole, 64, 64));
    }
  });
});

test('brush strokes cover exactly the pixels within the radius of the path, at any angle', () => {
  // Checked against the definition, pixel by pixel: distance from the pixel centre to the path.
  const dist = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  };
  const points = [12.3, 40.7, 70.2, 18.9, 95.5, 77.1, 30.4, 90.8];
  const r = 9.6;
  const c = coverage(doc([{ kind: 'brush', mode: 'paint', radius: r, points }]), 128, 112);
  let mismatches = 0;
  for (let y = 0; y < 112; y++)
    for (let x = 0; x < 128; x++) {
      let d = Infinity;
      for (let i = 2; i < points.length; i += 2) d = Math.min(d, dist(x + 0.5, y + 0.5, points[i - 2]!, points[i - 1]!, points[i]!, points[i + 1]!));
      // Pixels exactly on the boundary may go either way in floating point.
      if (Math.abs(d - r) > 1e-6 && (d <= r) !== (c[y * 128 + x] === 255)) mismatches++;
    }
  expect(mismatches).toBe(0);
});
