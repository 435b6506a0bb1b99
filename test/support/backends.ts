import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import S3rver from 's3rver';
import { migrate } from '@/lib/db/migrations';
import { openPglite } from '@/lib/db/pglite';
import { openPostgres } from '@/lib/db/postgres';
import type { Database } from '@/lib/db/types';
import { fileBlobStore } from '@/lib/storage/file-store';
import { s3BlobStore } from '@/lib/storage/s3-store';
import type { BlobStore } from '@/lib/storage/types';

/**
 * Every storage backend the studio supports, for tests that must pass on all of them:
 * embedded PGlite and this machine's PostgreSQL server; files and an S3-compatible
 * server (s3rver) on loopback.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type Opened<T> = { value: T; close: () => Promise<void> };

/** A fresh schema on the PostgreSQL server: its connection URL, and a way to drop it. */
export async function postgresSchema(label = 'test'): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `${label}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema, drop: () => run(`drop schema ${schema} cascade`) };
}

export const databases: Array<[string, () => Promise<Opened<Database>>]> = [
  [
    'embedded PGlite',
    async () => {
      const db = await openPglite('memory://');
      await migrate(db);
      return { value: db, close: () => db.close() };
    },
  ],
  [
    'PostgreSQL server',
    async () => {
      // A schema of its own per test file, dropped afterwards.
      const { url, drop } = await postgresSchema();
      const db = await openPostgres(url, 4);
      await migrate(db);
      return {
        value: db,
        close: async () => {
          await db.close();
          await drop();
        },
      };
    },
  ],
];

export const blobStores: Array<[string, () => Promise<Opened<BlobStore>>]> = [
  [
    'files',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'studio-blobs-'));
      return { value: fileBlobStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'S3 (s3rver on loopback)',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'studio-s3-'));
      const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'studio', configs: [] }] });
      const { port } = (await server.run()) as { port: number };
      const store = s3BlobStore({ bucket: 'studio', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
      return {
        value: store,
        close: async () => {
          await server.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];
