import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { fileExtension, type BlobStore } from '../storage/types';
import { preferNativeCrc32 } from './native-crc';
import type { ImageRecord } from './repository';

/**
 * Images as one zip of their original bytes, streamed as it is built (archiver): each
 * original is read from storage only when the previous one is in the archive, so memory
 * holds one image at a time whatever the count. Images are stored as they are (they are
 * compressed already). Entries are named by position and prompt; `manifest.json` says
 * what each is (prompt, model, options, creator, cost).
 */
preferNativeCrc32();

export type ZipOptions = { hidePrompts?: boolean; name?: string };

const slug = (text: string | null) =>
  (text ?? '')
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');

export function entryName(position: number, total: number, image: ImageRecord, hidePrompts = false): string {
  const label = (!hidePrompts && slug(image.prompt)) || image.id.slice(4, 16);
  return `${String(position + 1).padStart(String(total).length, '0')}-${label}.${fileExtension(image.format)}`;
}

export function zipImages(blobs: BlobStore, images: ImageRecord[], options: ZipOptions = {}): ReadableStream<Uint8Array> {
  const archive = new ZipArchive({ store: true });
  const names = images.map((image, i) => entryName(i, images.length, image, options.hidePrompts));
  void (async () => {
    try {
      for (const [i, image] of images.entries()) {
        const blob = await blobs.get(image.blobKey);
        if (!blob) continue; // deleted meanwhile: the manifest says so
        const added = new Promise<void>((resolve) => archive.once('entry', () => resolve()));
        archive.append(Buffer.from(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength), { name: names[i]!, date: image.createdAt });
        await added;
      }
      const manifest = images.map((image, i) => ({
        file: names[i],
        id: image.id,
        ...(options.hidePrompts ? {} : { prompt: image.prompt, revised_prompt: image.revisedPrompt }),
        model: image.model,
        endpoint: image.endpoint,
        options: image.options,
        width: image.width,
        height: image.height,
        creator: image.creatorName,
        cost_usd: image.costUsd,
        estimated_cost_usd: image.estimatedUsd,
        created_at: image.createdAt.toISOString(),
      }));
      archive.append(JSON.stringify({ name: options.name ?? null, images: manifest }, null, 2), { name: 'manifest.json' });
      await archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  return Readable.toWeb(archive) as unknown as ReadableStream<Uint8Array>;
}

/** Headers for a zip download named `name`. */
export function zipHeaders(name: string): Record<string, string> {
  const file = `${slug(name) || 'images'}.zip`;
  return { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${file}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
}
