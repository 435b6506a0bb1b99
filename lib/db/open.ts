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
  if (!options.url) keepPlannerStatistics(db);
  return db;
}

const HOUR = 60 * 60 * 1000;

/**
 * Embedded PostgreSQL runs no autovacuum, so its planner never learns how big a table
 * has grown and guesses a few rows for everything: it read a 500-image board's first page
 * by sorting the whole board instead of walking the index. Statistics are gathered once
 * the database is open, and dead rows (pruned run events, moved board images) are
 * reclaimed with them every hour.
 */
function keepPlannerStatistics(db: Database) {
  const maintain = (script: string) => db.exec(script).catch((error: Error) => console.error(`[studio] ${script} failed:`, error.message));
  void maintain('analyze');
  setInterval(() => void maintain('vacuum analyze'), HOUR).unref();
}
