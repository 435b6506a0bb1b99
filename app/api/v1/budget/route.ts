import { withUser } from '@/lib/auth/route';
import { spentToday } from '@/lib/budget/ledger';
import { serverConfig } from '@/lib/config';
import { gallery } from '@/lib/gallery/instance';
import { json } from '@/lib/images/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

/**
 * `GET /api/v1/budget`: the caller's and the team's spend today and the limits, with
 * what is left before the nearer daily cap (null when there is none), so the studio can
 * say so next to its estimate before anything is sent.
 */
export const GET = withUser('budget', async (_request, who) => {
  const { limits } = serverConfig();
  const spent = await spentToday((await gallery()).db, who.id);
  const left = [
    limits.personDailyUsd === null ? null : limits.personDailyUsd - spent.person,
    limits.teamDailyUsd === null ? null : limits.teamDailyUsd - spent.team,
  ].filter((v): v is number => v !== null);
  return json({
    object: 'budget',
    person: who.name,
    person_daily_usd: limits.personDailyUsd,
    team_daily_usd: limits.teamDailyUsd,
    person_per_minute: limits.personPerMinute,
    person_spent_today_usd: round(spent.person),
    team_spent_today_usd: round(spent.team),
    remaining_today_usd: left.length ? round(Math.max(0, Math.min(...left))) : null,
    resets_at: spent.resetsAt.toISOString(),
  });
});
