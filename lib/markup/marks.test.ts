import { describe, expect, it } from 'vitest';
import { drawMarks } from './draw';
import { defaultStrokeWidth, dragMark, isWorthKeeping, noteSize } from './marks';

/** A canvas context that records the paths it is asked to draw. */
function recorder() {
  const calls: Array<[string, ...number[]]> = [];
  const texts: string[] = [];
  const ctx = {
    save() {}, restore() {}, beginPath() {}, closePath() {}, stroke() { calls.push(['stroke']); }, fill() { calls.push(['fill']); },
    moveTo: (x: number, y: number) => calls.push(['moveTo', x, y]),
    lineTo: (x: number, y: number) => calls.push(['lineTo', x, y]),
    arc: (x: number, y: number, r: number) => calls.push(['arc', x, y, r]),
    ellipse: (x: number, y: number, rx: number, ry: number) => calls.push(['ellipse', x, y, rx, ry]),
    strokeRect: (x: number, y: number, w: number, h: number) => calls.push(['strokeRect', x, y, w, h]),
    strokeText: () => {},
    fillText: (text: string) => texts.push(text),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, calls, texts };
}

describe('marks', () => {
  it('a drag gives a box or ellipse from its corners in any direction, and an arrow from start to end', () => {
    expect(dragMark('box', { x: 50, y: 40 }, { x: 10, y: 60 }, '#fff', 4)).toEqual({ kind: 'box', color: '#fff', width: 4, x: 10, y: 40, w: 40, h: 20 });
    expect(dragMark('arrow', { x: 50, y: 40 }, { x: 10, y: 60 }, '#fff', 4)).toMatchObject({ x1: 50, y1: 40, x2: 10, y2: 60 });
  });

  it('a click without a drag draws no arrow, box or ellipse; an empty note is not kept', () => {
    expect(isWorthKeeping(dragMark('arrow', { x: 5, y: 5 }, { x: 5.5, y: 5 }, '#fff', 4))).toBe(false);
    expect(isWorthKeeping(dragMark('ellipse', { x: 5, y: 5 }, { x: 40, y: 6 }, '#fff', 4))).toBe(false);
    expect(isWorthKeeping({ kind: 'note', color: '#fff', size: 20, x: 0, y: 0, text: '  ' })).toBe(false);
    expect(isWorthKeeping({ kind: 'pen', color: '#fff', width: 3, points: [4, 4] })).toBe(true);
  });

  it('strokes and notes scale with the image', () => {
    expect(defaultStrokeWidth(1024, 1024)).toBe(6);
    expect(defaultStrokeWidth(4096, 2048)).toBe(13);
    expect(defaultStrokeWidth(200, 100)).toBe(3);
    expect(noteSize(8)).toBe(40);
  });
});

describe('drawMarks', () => {
  it('draws each kind in image pixels: a pen dot, an arrow whose head ends at its tip, a box, an ellipse, a note line by line', () => {
    const { ctx, calls, texts } = recorder();
    drawMarks(ctx, [
      { kind: 'pen', color: '#ef4444', width: 6, points: [10, 10] },
      { kind: 'arrow', color: '#ef4444', width: 4, x1: 0, y1: 100, x2: 100, y2: 100 },
      { kind: 'box', color: '#ef4444', width: 4, x: 5, y: 6, w: 7, h: 8 },
      { kind: 'ellipse', color: '#ef4444', width: 4, x: 0, y: 0, w: 40, h: 20 },
      { kind: 'note', color: '#ef4444', size: 20, x: 0, y: 0, text: 'one\ntwo' },
    ]);
    expect(calls).toContainEqual(['arc', 10, 10, 3]);
    // The head's point is the arrow's end; the shaft stops short of it.
    expect(calls).toContainEqual(['moveTo', 100, 100]);
    const shaftEnd = calls.find((c) => c[0] === 'lineTo')!;
    expect(shaftEnd[1]).toBeLessThan(100);
    expect(calls).toContainEqual(['strokeRect', 5, 6, 7, 8]);
    expect(calls).toContainEqual(['ellipse', 20, 10, 20, 10]);
    expect(texts).toEqual(['one', 'two']);
  });
});
