import 'server-only';
import path from 'node:path';
import { openDatabase } from '../db/open';
import { fileBlobStore } from '../storage/file-store';
import { s3BlobStore } from '../storage/s3-store';
import type { BlobStore } from '../storage/types';
import { createGallery, type Gallery } from './gallery';

/**
 * This process's gallery: metadata in PGlite under STUDIO_DATA_DIR (default ./data) or
 * the server at DATABASE_URL; bytes in files there or in the S3 bucket named by S3_*.
 * Opened once, on first use; orphaned bytes are swept then and every hour.
 */
const holder = globalThis as typeof globalThis & { __imageStudioGallery?: Promise<Gallery> };

export function storageSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    // A run-time location, not part of the build's traced output.
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.STUDIO_DATA_DIR?.trim() || 'data'),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    s3: env.S3_BUCKET?.trim()
      ? {
          bucket: env.S3_BUCKET.trim(),
          endpoint: env.S3_ENDPOINT?.trim() || undefined,
          region: env.S3_REGION?.trim() || 'us-east-1',
          accessKeyId: env.S3_ACCESS_KEY_ID?.trim() || undefined,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY?.trim() || undefined,
          forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' || env.S3_FORCE_PATH_STYLE === '1',
          prefix: env.S3_PREFIX?.trim() || undefined,
        }
      : undefined,
  };
}

async function open(): Promise<Gallery> {
  const settings = storageSettings();
  const blobs: BlobStore = settings.s3 ? s3BlobStore(settings.s3) : fileBlobStore(path.join(settings.dataDir, 'blobs'));
  const db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
  const gallery = createGallery(db, blobs);
  const sweep = () => gallery.sweep().then((keys) => keys.length && console.log(`[studio] swept ${keys.length} orphaned blobs`)).catch((e: Error) => console.error('[studio] sweep failed:', e.message));
  void sweep();
  setInterval(sweep, 60 * 60 * 1000).unref();
  return gallery;
}

export function gallery(): Promise<Gallery> {
  holder.__imageStudioGallery ??= open().catch((error: unknown) => {
    holder.__imageStudioGallery = undefined;
    throw error;
  });
  return holder.__imageStudioGallery;
}
