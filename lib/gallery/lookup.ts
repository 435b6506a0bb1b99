import 'server-only';
import { assertImageId, notFound } from './api';
import { gallery } from './instance';

/** The gallery and the image a route names, or the API's 404 (a malformed id is simply not found). */
export async function imageOrNotFound(id: string) {
  assertImageId(id);
  const g = await gallery();
  const record = await g.find(id);
  if (!record) throw notFound();
  return { gallery: g, record };
}
