import { createHash } from 'node:crypto';
import type { Database, Sql } from '../db/types';
import { formatUsd } from '../models/cost';

/**
 * Budgets and rate limits kept in the database, so every app instance sees the same
 * numbers. A request first reserves its estimated cost under advisory locks (the
 * person's and the team's), which serialise the check-and-insert across instances; it
 * is refused if that would pass a cap. Afterwards the reservation is settled at the
 * actual cost, or released when the request failed (a failure costs nothing).
 */
export type Limits = {
  /** USD per person per UTC day; null for none. */
  personDailyUsd: number | null;
  /** USD for the whole team per UTC day; null for none. */
  teamDailyUsd: number | null;
  /** Requests per person per rolling minute; null for none. */
  personPerMinute: number | null;
};

export type Refusal = {
  limit: 'person_daily' | 'team_daily' | 'person_per_minute';
  message: string;
  retryAfterSeconds: number;
};

export type Reservation = { ok: true; id: number } | { ok: false; refusal: Refusal };

const TEAM_LOCK = 'image-studio:team-budget';
const lockKey = (text: string) => createHash('sha256').update(text).digest().readInt32BE(0);

/** When today's (UTC) daily caps reset. */
const nextUtcMidnight = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

function secondsToUtcMidnight(now: Date): number {
  return Math.max(1, Math.ceil((nextUtcMidnight(now).getTime() - now.getTime()) / 1000));
}

const usd = formatUsd;

/** Money compared in micro-dollars: sums of floats (0.1 × 25) must not pass a cap by 4e-16. */
const passes = (spent: number, more: number, cap: number) => Math.round((spent + more) * 1e6) > Math.round(cap * 1e6);

export async function reserve(db: Database, creator: string, estimatedUsd: number, limits: Limits, what: { model?: string; endpoint?: string } = {}): Promise<Reservation> {
  return db.transaction(async (tx) => {
    // The team lock first, then the person's: every instance takes them in this order.
    if (limits.teamDailyUsd !== null) await tx.query('select pg_advisory_xact_lock($1)', [lockKey(TEAM_LOCK)]);
    await tx.query('select pg_advisory_xact_lock($1)', [lockKey(`person:${creator}`)]);
    const { rows } = await tx.query<{ now: Date; person_today: number; team_today: number; last_minute: number; oldest: Date | null }>(
      `select clock_timestamp() as now,
              coalesce(sum(coalesce(charged_usd, estimated_usd)) filter (where creator = $1 and state <> 'released'), 0)::float8 as person_today,
              coalesce(sum(coalesce(charged_usd, estimated_usd)) filter (where state <> 'released'), 0)::float8 as team_today,
              (select count(*)::int from spend_ledger where creator = $1 and created_at > clock_timestamp() - interval '1 minute') as last_minute,
              (select min(created_at) from spend_ledger where creator = $1 and created_at > clock_timestamp() - interval '1 minute') as oldest
       from spend_ledger where day = (clock_timestamp() at time zone 'utc')::date`,
      [creator],
    );
    const row = rows[0]!;
    const now = new Date(row.now);
    if (limits.personPerMinute !== null && row.last_minute >= limits.personPerMinute) {
      const wait = row.oldest ? Math.max(1, Math.ceil((new Date(row.oldest).getTime() + 60_000 - now.getTime()) / 1000)) : 60;
      return { ok: false as const, refusal: { limit: 'person_per_minute' as const, retryAfterSeconds: wait, message: `You have sent ${limits.personPerMinute} requests in the last minute, the most allowed. Try again in ${wait} s.` } };
    }
    if (limits.personDailyUsd !== null && passes(row.person_today, estimatedUsd, limits.personDailyUsd)) {
      const wait = secondsToUtcMidnight(now);
      return { ok: false as const, refusal: { limit: 'person_daily' as const, retryAfterSeconds: wait, message: `This would pass your daily budget of ${usd(limits.personDailyUsd)} (${usd(row.person_today)} spent today). It resets at midnight UTC, in ${Math.ceil(wait / 3600)} h.` } };
    }
    if (limits.teamDailyUsd !== null && passes(row.team_today, estimatedUsd, limits.teamDailyUsd)) {
      const wait = secondsToUtcMidnight(now);
      return { ok: false as const, refusal: { limit: 'team_daily' as const, retryAfterSeconds: wait, message: `This would pass the team's daily budget of ${usd(limits.teamDailyUsd)} (${usd(row.team_today)} spent today). It resets at midnight UTC, in ${Math.ceil(wait / 3600)} h.` } };
    }
    return { ok: true as const, id: await record(tx, creator, estimatedUsd, what) };
  });
}

/** What this person and the whole team have spent today (UTC), failures excluded. */
export async function spentToday(db: Database, creator: string): Promise<{ person: number; team: number; resetsAt: Date }> {
  const { rows } = await db.query<{ person: number; team: number; now: Date }>(
    `select coalesce(sum(coalesce(charged_usd, estimated_usd)) filter (where creator = $1), 0)::float8 as person,
            coalesce(sum(coalesce(charged_usd, estimated_usd)), 0)::float8 as team, clock_timestamp() as now
     from spend_ledger where day = (clock_timestamp() at time zone 'utc')::date and state <> 'released'`,
    [creator],
  );
  const row = rows[0]!;
  const now = new Date(row.now);
  return { person: row.person, team: row.team, resetsAt: nextUtcMidnight(now) };
}

/** A request's spend, recorded at its estimate; alone when there is no limit to check (no locks, no sums). */
export async function record(db: Sql, creator: string, estimatedUsd: number, what: { model?: string; endpoint?: string } = {}): Promise<number> {
  const inserted = await db.query<{ id: string }>('insert into spend_ledger (creator, estimated_usd, model, endpoint) values ($1, $2, $3, $4) returning id', [
    creator, estimatedUsd, what.model ?? null, what.endpoint ?? null,
  ]);
  return Number(inserted.rows[0]!.id);
}

/** The request finished: record what it actually cost. */
export async function settle(db: Database, id: number, chargedUsd: number): Promise<void> {
  await db.query("update spend_ledger set charged_usd = $2, state = 'charged' where id = $1 and state = 'reserved'", [id, chargedUsd]);
}

/** The request failed: it costs nothing. */
export async function release(db: Database, id: number): Promise<void> {
  await db.query("update spend_ledger set state = 'released' where id = $1 and state = 'reserved'", [id]);
}

/** The request was taken back (a cancelled run): it costs nothing, even if it had been settled. */
export async function refund(db: Database, id: number): Promise<void> {
  await db.query("update spend_ledger set state = 'released' where id = $1", [id]);
}

/**
 * Spend per person per UTC day over the last `days` days (for the admin page's chart).
 * People an identity provider knows are shown by name and email (names alone may repeat).
 */
export async function dailySpend(db: Database, days: number): Promise<Array<{ day: string; creator: string; usd: number; requests: number }>> {
  const { rows } = await db.query<{ day: string; creator: string; usd: number; requests: number }>(
    `select to_char(l.day, 'YYYY-MM-DD') as day,
            coalesce(p.name || coalesce(' (' || p.email || ')', ''), l.creator) as creator,
            sum(coalesce(l.charged_usd, l.estimated_usd))::float8 as usd, count(*)::int as requests
     from spend_ledger l left join people p on p.id = l.creator
     where l.day > (clock_timestamp() at time zone 'utc')::date - $1::int and l.state <> 'released'
     group by 1, 2 order by 1, 2`,
    [days],
  );
  return rows;
}
