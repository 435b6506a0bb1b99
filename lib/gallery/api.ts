import { z } from 'zod';
import { invalidRequest, StudioError } from '../images/errors';
import { decodeCursor, encodeCursor } from './cursor';
import { IMAGE_ID } from './ids';
import type { Cursor, ImageRecord, ListFilters } from './repository';

/** The gallery's wire shapes: what `/api/v1/gallery` answers, and how it reads queries. */
export function imageJson(record: ImageRecord, origin: string) {
  return {
    id: record.id,
    object: 'gallery.image' as const,
    created_at: record.createdAt.toISOString(),
    creator: record.creatorName,
    creator_id: record.creator,
    endpoint: record.endpoint,
    model: record.model,
    prompt: record.prompt,
    revised_prompt: record.revisedPrompt,
    options: record.options,
    width: record.width,
    height: record.height,
    format: record.format,
    byte_size: record.byteSize,
    usage: record.usage,
    cost_usd: record.costUsd,
    estimated_cost_usd: record.estimatedUsd,
    request_id: record.requestId,
    parent_ids: record.parentIds,
    markup_id: record.markupId,
    image_url: `${origin}/api/v1/gallery/${record.id}/image`,
    thumbnail_url: `${origin}/api/v1/gallery/${record.id}/thumbnail`,
    gallery_url: `${origin}/gallery/${record.id}`,
  };
}

export const PAGE_SIZE = { default: 50, max: 100 };

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE.max).default(PAGE_SIZE.default),
  cursor: z.string().optional(),
  q: z.string().trim().max(200).optional(),
  model: z.string().max(100).optional(),
  endpoint: z.enum(['generations', 'edits', 'variations', 'uploads']).optional(),
  creator: z.string().max(200).optional(),
  mine: z.enum(['true', '1']).optional(),
  /** `hide` leaves out the inputs of edits and variations (uploads). */
  inputs: z.enum(['show', 'hide']).optional(),
  /** `mine`: only the images the caller picked. */
  picked: z.enum(['mine']).optional(),
});

/** `mine` narrows to the caller's own images (`me`, the caller's name). */
export function parseListQuery(params: URLSearchParams, me?: string): { filters: ListFilters; limit: number; cursor?: Cursor } {
  const parsed = listQuery.safeParse(Object.fromEntries([...params].filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidRequest(`Invalid ${String(issue.path[0])}: ${issue.message}`, String(issue.path[0]), 'invalid_value');
  }
  const { limit, cursor, mine, inputs, picked, ...rest } = parsed.data;
  const filters: ListFilters = { ...rest, hideInputs: inputs === 'hide' };
  if (mine && me !== undefined) filters.creator = me;
  if (picked && me !== undefined) filters.pickedBy = me;
  let decoded: Cursor | undefined;
  if (cursor) {
    decoded = decodeCursor(cursor) ?? undefined;
    if (!decoded) throw invalidRequest('This page cursor is not valid; start again from the first page.', 'cursor', 'invalid_cursor');
  }
  return { filters, limit, cursor: decoded };
}

export const nextCursor = (page: ImageRecord[], limit: number) => {
  const last = page[page.length - 1];
  return page.length === limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null;
};

/** Ids are checked before any lookup: anything else is simply not found. */
export function notFound(what = 'image'): StudioError {
  return invalidRequest(`No such ${what}. It may have been deleted.`, null, 'not_found', 404);
}

export function assertImageId(id: string): void {
  if (!IMAGE_ID.test(id)) throw notFound();
}
