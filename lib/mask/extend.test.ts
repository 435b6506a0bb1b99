import { expect, test } from 'vitest';
import { extendMask, paddingFor } from './extend';
import { coverage } from './rasterize';
import { rectFrom } from './shapes';

test('padding is a fraction of the side it extends', () => {
  expect(paddingFor(800, 600, ['left', 'bottom'], 0.25)).toEqual({ top: 0, right: 0, bottom: 150, left: 200 });
});

test('the new margins are covered and earlier shapes move with the image', () => {
  const doc = { shapes: [rectFrom({ x: 10, y: 10 }, { x: 20, y: 20 }, 'paint')], inverted: false, feather: 0 };
  const pad = { top: 5, right: 0, bottom: 0, left: 8 };
  const out = extendMask(doc, pad, 40, 30);
  const c = coverage(out, 48, 35);
  const at = (x: number, y: number) => c[y * 48 + x] === 255;
  expect(at(3, 20)).toBe(true); // left margin
  expect(at(30, 2)).toBe(true); // top margin
  expect(at(8 + 15, 5 + 15)).toBe(true); // the old rectangle, moved
  expect(at(8 + 25, 5 + 25)).toBe(false); // untouched image
});

test('with an inverted mask the margins still end up covered', () => {
  const doc = { shapes: [], inverted: true, feather: 0 };
  const c = coverage(extendMask(doc, { top: 0, right: 4, bottom: 0, left: 0 }, 10, 10), 14, 10);
  expect(c[5 * 14 + 12]).toBe(255);
});
