import type { Sql } from '../db/types';
import type { AuthSettings } from './settings';

/**
 * Failed sign-ins, counted in the database so every instance sees the same numbers:
 * a cap per client address and one for everyone (which bounds guessing spread over
 * many addresses). Only failures are counted; people who know the password are never
 * slowed down by others' mistakes, except when the shared cap is hit.
 */
export type SignInRefusal = { retryAfterSeconds: number };

export async function signInRefused(sql: Sql, address: string, limit: AuthSettings['signInLimit']): Promise<SignInRefusal | null> {
  const { rows } = await sql.query<{ mine: number; total: number; oldest_mine: Date | null; oldest: Date | null; now: Date }>(
    `select count(*) filter (where key = $1)::int as mine, count(*)::int as total,
            min(at) filter (where key = $1) as oldest_mine, min(at) as oldest, clock_timestamp() as now
     from sign_in_failures where at > clock_timestamp() - make_interval(secs => $2)`,
    [address, limit.windowSeconds],
  );
  const row = rows[0]!;
  const wait = (oldest: Date | null) =>
    Math.max(1, Math.ceil(((oldest ? new Date(oldest).getTime() : Date.now()) + limit.windowSeconds * 1000 - new Date(row.now).getTime()) / 1000));
  if (row.mine >= limit.perAddress) return { retryAfterSeconds: wait(row.oldest_mine) };
  if (row.total >= limit.total) return { retryAfterSeconds: wait(row.oldest) };
  return null;
}

export async function recordSignInFailure(sql: Sql, address: string, windowSeconds: number): Promise<void> {
  await sql.query('insert into sign_in_failures (key) values ($1)', [address]);
  // Old rows are of no further use; trimming here keeps the table small without a job.
  await sql.query('delete from sign_in_failures where at < clock_timestamp() - make_interval(secs => $1)', [windowSeconds * 2]);
}
