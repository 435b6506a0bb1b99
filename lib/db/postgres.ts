import pg from 'pg';
import type { Database, Row } from './types';

/** A PostgreSQL server, shared by every app instance that names it. */
export async function openPostgres(connectionString: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not take the process down.
  pool.on('error', (error) => console.error('[studio] postgres pool:', error.message));
  await pool.query('select 1');
  const listener = notificationListener(connectionString);
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
    listen: listener.listen,
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

type Subscriber = { onPayload: (payload: string) => void; onGap?: () => void };

/**
 * LISTEN needs a connection of its own, held open (a pooled one would be handed back).
 * One per process serves every channel; when it drops it is opened again after a pause,
 * every channel is listened to again, and subscribers hear of the gap.
 */
function notificationListener(connectionString: string) {
  const channels = new Map<string, Set<Subscriber>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  function connect(): Promise<pg.Client> {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString });
      c.on('notification', (message) => {
        for (const s of channels.get(message.channel) ?? []) s.onPayload(message.payload ?? '');
      });
      c.on('error', (error) => {
        console.error('[studio] postgres listener:', error.message);
        if (client === c) reconnect();
      });
      c.on('end', () => {
        if (client === c && !closed) reconnect();
      });
      await c.connect();
      for (const channel of channels.keys()) await c.query(`listen ${quote(channel)}`);
      client = c;
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  function reconnect() {
    client = null;
    setTimeout(() => {
      if (closed) return;
      connect().then(
        () => {
          for (const set of channels.values()) for (const s of set) s.onGap?.();
        },
        () => reconnect(),
      );
    }, 500).unref();
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void) {
      const subscriber = { onPayload, onGap };
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
        const c = client ?? (await connect());
        await c.query(`listen ${quote(channel)}`);
      } else if (!client) await connect();
      set.add(subscriber);
      return async () => {
        set.delete(subscriber);
      };
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
