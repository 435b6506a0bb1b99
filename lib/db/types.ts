/**
 * The database as the studio uses it: parameterised SQL and transactions. Two drivers
 * implement it, embedded PGlite and a PostgreSQL server, so there is one SQL dialect
 * and one set of migrations.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL's LISTEN: `onPayload` gets each NOTIFY on `channel`, from any instance
   * sharing the database (send with `select pg_notify(channel, payload)`). `onGap` is
   * called when notifications may have been missed (a lost connection, re-established),
   * so the listener can catch up from the tables. Resolves to the unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
