import pg from 'pg';
import type { Database, Row } from './types';

/** A PostgreSQL server, shared by every app instance that names it. */
export async function openPostgres(connectionString: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not take the process down.
  pool.on('error', (error) => console.error('[studio] postgres pool:', error.message));
  await pool.query('select 1');
  return {
    kind: 'postgres',
    query: async <T extends Row>(text: string, params: unknown[] = []) => ({ rows: (await pool.query<T>(text, params)).rows }),
    exec: async (script) => void (await pool.query(script)),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async <T extends Row>(text: string, params: unknown[] = []) => ({ rows: (await client.query<T>(text, params)).rows }),
          exec: async (script) => void (await client.query(script)),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
