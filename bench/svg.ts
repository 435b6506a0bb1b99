/**
 * SVG sanitising (lib/images/svg-sanitize.ts) of a 1 MB drawing, against parsing the
 * same document alone with the same DOM (jsdom), interleaved, in this process.
 */
import { parseSvgOnly, sanitizeSvg } from '../lib/images/svg-sanitize';
import { percentile } from './lib';
import { fmt, type Row } from './table';

/** A drawing as a model might write one: groups of paths, gradients, text, reuse; about `bytes` long. */
function drawing(bytes: number): string {
  const parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1024 1024" width="1024" height="1024">'];
  parts.push('<defs><linearGradient id="g"><stop offset="0" stop-color="#f80"/><stop offset="1" stop-color="#08f"/></linearGradient><circle id="dot" r="3"/></defs>');
  let size = parts.join('').length;
  for (let i = 0; size < bytes; i++) {
    const x = (i * 37) % 1024, y = (i * 91) % 1024;
    const group = `<g transform="translate(${x} ${y})" opacity="0.8"><path d="M0 0 C ${i % 50} 20, 40 ${i % 30}, 60 0 S 90 -20, 120 0" fill="url(#g)" stroke="#123456" stroke-width="1.5"/><use href="#dot" x="${i % 17}" y="${i % 23}"/><text x="2" y="14" font-size="9">label ${i}</text></g>`;
    parts.push(group);
    size += group.length;
  }
  parts.push('</svg>');
  return parts.join('');
}

export async function benchSvg(): Promise<Row[]> {
  const svg = drawing(1024 * 1024);
  const parse: number[] = [];
  const sanitize: number[] = [];
  // Warm both paths, then interleave.
  parseSvgOnly(svg);
  sanitizeSvg(svg);
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    parseSvgOnly(svg);
    parse.push(performance.now() - t);
    t = performance.now();
    sanitizeSvg(svg);
    sanitize.push(performance.now() - t);
  }
  const base = percentile(parse, 50);
  const studio = percentile(sanitize, 50);
  return [
    {
      name: `sanitise a ${(svg.length / 1024 / 1024).toFixed(2)} MB SVG (median of 7)`,
      baseline: `${fmt(base)} parsing it alone`,
      studio: fmt(studio),
      ratio: (studio / base).toFixed(2),
      target: '≤ 3',
      ok: studio / base <= 3,
    },
  ];
}
