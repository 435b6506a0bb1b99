import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Row } from './types';

/** Embedded PostgreSQL in this process, stored in `dir` (or `memory://` for tests). */
export async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  return {
    kind: 'pglite',
    query: async <T extends Row>(text: string, params: unknown[] = []) => ({ rows: (await db.query<T>(text, params)).rows }),
    exec: async (script) => void (await db.exec(script)),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async <T extends Row>(text: string, params: unknown[] = []) => ({ rows: (await tx.query<T>(text, params)).rows }),
          exec: async (script) => void (await tx.exec(script)),
        }),
      ),
    // One process holds an embedded database, so nothing is ever missed.
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
}
