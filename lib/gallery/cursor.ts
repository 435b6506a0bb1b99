import { IMAGE_ID } from './ids';
import type { Cursor } from './repository';

/** Opaque page cursors: base64url of the last row's time and id. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

/** The cursor, or null when it is not one this studio made (for rows whose ids match `idPattern`). */
export function decodeCursor(text: string, idPattern: RegExp = IMAGE_ID): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const [createdAt, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || extra !== undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt) || Number.isNaN(Date.parse(createdAt))) return null;
  if (!idPattern.test(id)) return null;
  return { createdAt, id };
}
