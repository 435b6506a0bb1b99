/**
 * Where image bytes live: files under the data directory by default, an S3-compatible
 * bucket for teams. Keys are `images/<id>/<name>`; a key is visible to users only
 * through a gallery row, so bytes written without their row are invisible until swept.
 */
export type Blob = { data: Uint8Array; contentType: string };

export interface BlobStore {
  readonly kind: 'file' | 's3';
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Blob | null>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix, with when each was written. */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

/** Keys are made by the studio; this refuses anything that could escape the store. */
export function assertKey(key: string): void {
  if (!KEY.test(key) || key.includes('..') || key.length > 200) throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
}

export const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', svg: 'image/svg+xml' };

/** The file extension of an image format, as files are named (a JPEG is `.jpg`). */
export const fileExtension = (format: string) => (format === 'jpeg' ? 'jpg' : format);
