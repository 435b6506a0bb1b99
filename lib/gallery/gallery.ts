import { createHash } from 'node:crypto';
import type { Database } from '../db/types';
import { CONTENT_TYPES, fileExtension, type BlobStore } from '../storage/types';
import { newImageId } from './ids';
import { childrenOf, deleteImageRow, existingIds, findByContent, findImage, insertImage, type ImageRecord } from './repository';
import { inspectImage, makeThumbnail } from './thumbnail';

/**
 * Saving and removing images so that nothing is ever half there: bytes (original and
 * thumbnail) are written first, the row last, in its own transaction. A row exists
 * only once its bytes do; bytes without a row are invisible and swept later.
 */
export type NewImage = {
  bytes: Uint8Array;
  creator: string;
  endpoint: string;
  model: string;
  prompt: string | null;
  revisedPrompt?: string | null;
  options: Record<string, unknown>;
  usage?: Record<string, unknown> | null;
  costUsd?: number | null;
  estimatedUsd?: number | null;
  requestId?: string | null;
  parentIds?: string[];
  markupId?: string | null;
};

export type Gallery = ReturnType<typeof createGallery>;

/** Points where tests inject failures, to prove a crash leaves nothing half-saved. */
export type FaultHooks = { afterBlobs?: () => void | Promise<void>; duringRow?: () => void | Promise<void> };

export function createGallery(db: Database, blobs: BlobStore, hooks: FaultHooks = {}) {
  async function save(image: NewImage): Promise<ImageRecord> {
    const { format, width, height } = await inspectImage(image.bytes);
    const id = newImageId();
    const blobKey = `images/${id}/original.${fileExtension(format)}`;
    const thumbKey = `images/${id}/thumb.webp`;
    const thumbnail = await makeThumbnail(image.bytes);
    await blobs.put(blobKey, image.bytes, CONTENT_TYPES[format] ?? 'application/octet-stream');
    await blobs.put(thumbKey, thumbnail.data, 'image/webp');
    await hooks.afterBlobs?.();
    try {
      return await db.transaction(async (tx) => {
        const record = await insertImage(tx, {
          id, creator: image.creator, endpoint: image.endpoint, model: image.model, prompt: image.prompt, revisedPrompt: image.revisedPrompt ?? null,
          options: image.options, width, height, format, byteSize: image.bytes.byteLength, blobKey, thumbKey, usage: image.usage ?? null,
          costUsd: image.costUsd ?? null, estimatedUsd: image.estimatedUsd ?? null, requestId: image.requestId ?? null, parentIds: image.parentIds ?? [], markupId: image.markupId ?? null,
          contentSha256: createHash('sha256').update(image.bytes).digest('hex'),
        });
        await hooks.duringRow?.();
        return record;
      });
    } catch (error) {
      // The row did not commit: its bytes must not linger (the sweep catches a crash here).
      await Promise.allSettled([blobs.delete(blobKey), blobs.delete(thumbKey)]);
      throw error;
    }
  }

  /**
   * An input image (of an edit or variation) as a gallery image, so results can name
   * their parents: the image already kept with these exact bytes (say, one loaded from
   * the gallery into the editor), or else a new `uploads` entry.
   */
  async function keepInput(bytes: Uint8Array, creator: string): Promise<ImageRecord> {
    const existing = await findByContent(db, createHash('sha256').update(bytes).digest('hex'));
    return existing ?? save({ bytes, creator, endpoint: 'uploads', model: 'upload', prompt: null, options: {} });
  }

  /** Removes row, share links (cascade) and bytes. The row goes first: from then on nothing shows it. */
  async function remove(id: string): Promise<boolean> {
    const record = await deleteImageRow(db, id);
    if (!record) return false;
    await Promise.allSettled([blobs.delete(record.blobKey), blobs.delete(record.thumbKey)]);
    return true;
  }

  /**
   * Deletes bytes that no row points at and that are older than `graceMs` (younger ones
   * may belong to a save still in flight). Returns the keys removed.
   */
  async function sweep(graceMs = 10 * 60 * 1000, now = Date.now()): Promise<string[]> {
    const byId = new Map<string, string[]>();
    for await (const { key, modifiedAt } of blobs.list('images/')) {
      if (now - modifiedAt.getTime() < graceMs) continue;
      const id = key.split('/')[1];
      if (id) byId.set(id, [...(byId.get(id) ?? []), key]);
    }
    const ids = [...byId.keys()];
    const removed: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const alive = await existingIds(db, batch);
      for (const id of batch) {
        if (alive.has(id)) continue;
        for (const key of byId.get(id)!) {
          await blobs.delete(key);
          removed.push(key);
        }
      }
    }
    return removed;
  }

  /** The images an image was made from (those still kept) and those made from it. */
  async function lineage(record: ImageRecord): Promise<{ parents: ImageRecord[]; children: ImageRecord[] }> {
    const parents = (await Promise.all(record.parentIds.map((id) => findImage(db, id)))).filter((p): p is ImageRecord => p !== null);
    return { parents, children: await childrenOf(db, record.id) };
  }

  return { save, keepInput, remove, sweep, lineage, find: (id: string) => findImage(db, id), db, blobs };
}
