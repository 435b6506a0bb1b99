/**
 * What a hostile upstream might put in an SVG (`sim:hostile-svg`): script, event
 * handlers, javascript: links, external references and `<foreignObject>`. Each part sets
 * `window.__hostile` or reaches evil.example, so a test can tell whether any of it ran
 * or loaded.
 */
export const HOSTILE_ATTRIBUTES = ` onload="window.__hostile='onload'"`;
export const HOSTILE_ELEMENTS = [
  `<script>window.__hostile='script'</script>`,
  `<script href="https://evil.example/x.js"/>`,
  `<style>@import url(https://evil.example/a.css);</style>`,
  `<rect width="10" height="10" onclick="window.__hostile='onclick'" fill="url(https://evil.example/p.svg#p)"/>`,
  `<a href="javascript:window.__hostile='link'"><text x="8" y="24">click</text></a>`,
  `<image href="https://evil.example/track.png" width="10" height="10"/>`,
  `<foreignObject width="100" height="40"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="window.__hostile='foreign'"/></div></foreignObject>`,
  `<set attributeName="onmouseover" to="window.__hostile='set'"/>`,
].join('');

/** The document with the hostile parts put in after its opening tag. */
export function withHostileMarkup(svg: string): string {
  return svg.replace(/^<svg([^>]*)>/, `<svg$1${HOSTILE_ATTRIBUTES}>${HOSTILE_ELEMENTS}`);
}
