import type { Database } from '../db/types';
import { dailySpend, type Limits } from './ledger';

/**
 * Spend per person per UTC day, shaped for the admin page's chart: every day of the
 * range (empty days included, so the chart's axis is even), people ordered by what
 * they spent, and the limits in force.
 */
export type SpendReport = {
  object: 'spend_report';
  days: string[];
  people: string[];
  /** usd[person][dayIndex] */
  usd: Record<string, number[]>;
  requests: Record<string, number[]>;
  team_by_day: number[];
  limits: { person_daily_usd: number | null; team_daily_usd: number | null; person_per_minute: number | null };
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function spendReport(db: Database, days: number, limits: Limits): Promise<SpendReport> {
  const [rows, today] = await Promise.all([
    dailySpend(db, days),
    db.query<{ today: string }>("select to_char((clock_timestamp() at time zone 'utc')::date, 'YYYY-MM-DD') as today").then((r) => r.rows[0]!.today),
  ]);
  const end = Date.parse(`${today}T00:00:00Z`);
  const dayList = Array.from({ length: days }, (_, i) => isoDay(end - (days - 1 - i) * 86_400_000));
  const index = new Map(dayList.map((d, i) => [d, i]));
  const usd: Record<string, number[]> = {};
  const requests: Record<string, number[]> = {};
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    (usd[row.creator] ??= new Array<number>(days).fill(0))[i] = row.usd;
    (requests[row.creator] ??= new Array<number>(days).fill(0))[i] = row.requests;
  }
  const total = (person: string) => usd[person]!.reduce((a, b) => a + b, 0);
  const people = Object.keys(usd).sort((a, b) => total(b) - total(a) || a.localeCompare(b));
  return {
    object: 'spend_report',
    days: dayList,
    people,
    usd,
    requests,
    team_by_day: dayList.map((_, i) => people.reduce((sum, p) => sum + usd[p]![i]!, 0)),
    limits: { person_daily_usd: limits.personDailyUsd, team_daily_usd: limits.teamDailyUsd, person_per_minute: limits.personPerMinute },
  };
}
