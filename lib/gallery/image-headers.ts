import { fileExtension } from '../storage/types';

/**
 * Headers for an image's bytes, whoever asks (the gallery's routes, share links). An SVG
 * is markup a browser would run if it were opened as a document, so every image is sent
 * with a policy that forbids scripts and everything else but its own inline styles,
 * sandboxed, never content-sniffed: an SVG opened on its own runs nothing, even if the
 * sanitiser (lib/images/svg-sanitize) missed something. Pages show images only through
 * `<img>`, never inline.
 */
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function imageHeaders(contentType: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': contentType, 'x-content-type-options': 'nosniff', 'content-security-policy': IMAGE_CSP, ...extra };
}

/** An image behind a share link: checked on every request, so never cached; no referrer, not indexed. */
export const sharedImageHeaders = (contentType: string) => imageHeaders(contentType, { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' });

/** The file name a download is saved under: the studio's name, the image's id, the extension of its real format. */
export function downloadName(id: string, format: string): string {
  return `image-studio-${id.slice(4, 16)}.${fileExtension(format)}`;
}
