import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

/**
 * SVG from upstream is untrusted markup: a model (or a hostile gateway) can put script
 * in it. Before an SVG is stored it goes through DOMPurify (the SVG and SVG-filter
 * profiles; its HTML parser, which keeps SVG's mixed-case attributes where its XML mode
 * drops them). DOMPurify removes scripts, event handlers, `<foreignObject>`
 * and anything not in its SVG allow-list; on top of that, nothing may point outside the
 * document: a link or a paint server (`href`, `xlink:href`, `url(...)`) must be a
 * fragment (`#id`), and `<style>` elements go (their `@import` and `url()` could load
 * from anywhere). What is served is then also sent with a CSP that forbids scripts and
 * with `nosniff`, and never inlined into a page: defence in depth.
 */
const { window } = new JSDOM('');
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);

/** A reference to anything but a fragment of this document. */
const OUTSIDE_URL = /url\s*\(\s*['"]?\s*(?!#)/i;
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  const value = data.attrValue;
  if (LINK_ATTRIBUTES.has(data.attrName.toLowerCase())) {
    if (!value.trim().startsWith('#')) data.keepAttr = false;
  } else if ((value.includes('(') || value.includes('@')) && (OUTSIDE_URL.test(value) || /expression\s*\(|@import/i.test(value))) {
    // (Most values hold neither character: the common case costs two scans, not regexes.)
    data.keepAttr = false;
  }
});

const CONFIG = {
  USE_PROFILES: { svg: true, svgFilters: true },
  FORBID_TAGS: ['style', 'foreignObject', 'script', 'a'],
  // Reuse inside the picture (`<use href="#id">`) is common in drawn SVG; the hook above
  // keeps only fragment references, which is what DOMPurify leaves it out by default for.
  ADD_TAGS: ['use'],
  // No data attributes needed in a picture; fewer doors.
  ALLOW_DATA_ATTR: false,
};

export class UnsafeSvgError extends Error {}

/** The SVG with everything that could run, or reach outside it, removed; throws when nothing of an SVG is left. */
export function sanitizeSvg(source: string): string {
  const clean = purify.sanitize(source, CONFIG);
  if (!/^<svg[\s>]/.test(clean)) throw new UnsafeSvgError('The image service sent an SVG that is not a picture.');
  // The markup of SVG elements written out by the HTML serialiser is XML, except that
  // it does not declare a namespace prefix the source used without declaring (browsers'
  // HTML parser knows xlink:, an SVG file does not).
  return /\sxlink:/.test(clean) && !/^<svg[^>]*\sxmlns:xlink=/.test(clean) ? clean.replace(/^<svg/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"') : clean;
}

/** Parsing alone, with the parser the sanitiser uses: the baseline for what sanitising costs. */
export function parseSvgOnly(source: string): number {
  return new window.DOMParser().parseFromString(source, 'text/html').body.childNodes.length;
}
