import { describe, expect, test } from 'vitest';
import { parseSvgOnly, sanitizeSvg, UnsafeSvgError } from './svg-sanitize';

/** What a hostile upstream might send: every way an SVG can run script or reach out. */
const HOSTILE = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64" width="64" height="64" onload="alert(1)">
  <script>alert(2)</script>
  <script xlink:href="https://evil.example/x.js"/>
  <style>@import url(https://evil.example/a.css); rect { fill: url(https://evil.example/p.svg#p) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient></defs>
  <rect id="r" width="64" height="64" fill="url(#g)" onclick="alert(3)"/>
  <circle cx="32" cy="32" r="10" fill="url(https://evil.example/p.svg#p)" style="fill: url('http://evil.example/q')"/>
  <a href="javascript:alert(4)"><text x="4" y="60">click</text></a>
  <a xlink:href="javascript:alert(5)"><rect width="4" height="4"/></a>
  <image href="https://evil.example/track.png" width="10" height="10"/>
  <image xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="10" height="10"/>
  <use href="#r" x="2"/>
  <use xlink:href="https://evil.example/sprites.svg#icon"/>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml" onmouseover="alert(6)">html</div></foreignObject>
  <animate attributeName="href" to="javascript:alert(7)"/>
  <set attributeName="onload" to="alert(8)"/>
  <iframe src="https://evil.example"/>
</svg>`;

describe('sanitising SVG from upstream', () => {
  const clean = sanitizeSvg(HOSTILE);

  test('nothing that runs: no script, no event handler, no javascript: URL, no foreignObject', () => {
    expect(clean).not.toMatch(/<script/i);
    expect(clean).not.toMatch(/\son\w+\s*=/i);
    expect(clean).not.toMatch(/javascript:/i);
    expect(clean).not.toMatch(/foreignObject/i);
    expect(clean).not.toMatch(/<iframe|<a[\s>]|<style/i);
    expect(clean).not.toMatch(/alert/);
  });

  test('nothing reaching outside: no external href, url() or import', () => {
    expect(clean).not.toMatch(/evil\.example/);
    expect(clean).not.toMatch(/data:image/);
    expect(clean).not.toMatch(/@import/);
  });

  test('the picture itself survives: viewBox, gradient, fills by fragment, shapes, text, use of a fragment', () => {
    expect(clean).toMatch(/^<svg[^>]*viewBox="0 0 64 64"/);
    expect(clean).toContain('<linearGradient id="g">');
    expect(clean).toMatch(/<rect id="r" width="64" height="64" fill="url\(#g\)"/);
    expect(clean).toMatch(/<circle cx="32" cy="32" r="10"/);
    expect(clean).toMatch(/<use href="#r"/);
    expect(clean).toContain('>click</text>');
  });

  test('what is left is well-formed SVG (xlink declared where used), and something that is not an SVG is refused', async () => {
    const { JSDOM } = await import('jsdom');
    const { window } = new JSDOM('');
    for (const svg of [clean, sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect id="a" width="1" height="1"/><use xlink:href="#a"/></svg>')]) {
      const doc = new window.DOMParser().parseFromString(svg, 'image/svg+xml');
      expect(doc.getElementsByTagName('parsererror'), svg).toHaveLength(0);
      expect(doc.documentElement.localName).toBe('svg');
    }
    expect(parseSvgOnly(clean)).toBeGreaterThan(0);
    expect(() => sanitizeSvg('<html><body><script>alert(1)</script></body></html>')).toThrow(UnsafeSvgError);
    expect(() => sanitizeSvg('not markup at all')).toThrow(UnsafeSvgError);
  });
});
