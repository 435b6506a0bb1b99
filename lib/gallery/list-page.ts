import type { Sql } from '../db/types';
import { pickCounts } from '../boards/store';
import { imageJson, nextCursor } from './api';
import { listImages, type Cursor, type ListFilters } from './repository';

/**
 * One page of the gallery as `/api/v1/gallery` answers it and the gallery page starts
 * with: each image with how many people picked it and whether `me` did.
 */
export async function galleryPage(sql: Sql, query: { filters: ListFilters; limit: number; cursor?: Cursor }, me: string, origin: string) {
  const page = await listImages(sql, query.filters, query.limit, query.cursor);
  const picks = await pickCounts(sql, page.map((r) => r.id), me);
  return {
    object: 'list' as const,
    data: page.map((r) => ({ ...imageJson(r, origin), picks: picks.get(r.id)?.picks ?? 0, picked: picks.get(r.id)?.picked ?? false })),
    next_cursor: nextCursor(page, query.limit),
  };
}
export type GalleryPageJson = Awaited<ReturnType<typeof galleryPage>>;
