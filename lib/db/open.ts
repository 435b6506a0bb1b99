import path from 'node:path';
import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database } from './types';

/**
 * The studio's database: a PostgreSQL server when `DATABASE_URL` is set, else embedded
 * PostgreSQL under the data directory. Migrated before first use.
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Database> {
  const db = options.url ? await openPostgres(options.url) : await openPglite(path.join(options.dataDir, 'db'));
  await migrate(db);
  return db;
}
