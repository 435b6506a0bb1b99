import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertKey, CONTENT_TYPES, type BlobStore } from './types';

/**
 * Blobs as files. A write goes to a temporary file that is renamed into place, so a
 * reader (or a crash) never sees half a file.
 */
export function fileBlobStore(root: string): BlobStore {
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    kind: 'file',
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, data);
      await rename(temp, file);
    },
    async get(key) {
      try {
        const data = await readFile(fileOf(key));
        return { data, contentType: CONTENT_TYPES[path.extname(key).slice(1)] ?? 'application/octet-stream' };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
      // Drop the image's folder once it is empty.
      await rm(path.dirname(fileOf(key)), { recursive: false }).catch(() => {});
    },
    async *list(prefix) {
      const base = path.join(root, ...prefix.split('/').filter(Boolean));
      async function* walk(dir: string): AsyncGenerator<{ key: string; modifiedAt: Date }> {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) yield* walk(full);
          else if (!entry.name.endsWith('.tmp')) yield { key: path.relative(root, full).split(path.sep).join('/'), modifiedAt: (await stat(full)).mtime };
        }
      }
      yield* walk(base);
    },
  };
}
