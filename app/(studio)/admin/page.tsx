import { notFound } from 'next/navigation';
import { PeopleSessions } from '@/components/admin/people-sessions';
import { SpendChart } from '@/components/admin/spend-chart';
import { pageUser } from '@/lib/auth/page';
import { isAdmin } from '@/lib/auth/require';
import { sessionsByPerson } from '@/lib/auth/sessions';
import { authSettings, usesSessions } from '@/lib/auth/settings';
import { spendReport } from '@/lib/budget/report';
import { serverConfig } from '@/lib/config';
import { gallery } from '@/lib/gallery/instance';
import { getFormatter, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/i18n/money';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('pageTitle') };
}

const DAYS = 14;

/** Spend per person per UTC day (reserved and charged, failures excluded), with the limits in force; who is signed in. */
export default async function AdminPage() {
  const who = await pageUser();
  if (!isAdmin(who)) notFound();
  const { limits } = serverConfig();
  const db = (await gallery()).db;
  const report = await spendReport(db, DAYS, limits);
  const settings = authSettings();
  const signedIn = usesSessions(settings)
    ? (await sessionsByPerson(db)).map((p) => ({ person_id: p.personId, name: p.name, sessions: p.sessions, last_seen_at: p.lastSeenAt.toISOString() }))
    : null;
  const t = await getTranslations('admin');
  const format = await getFormatter();
  const formatUsd = (usd: number) => formatMoney(format, usd);
  const today = report.days.length - 1;
  const total = (person: string) => report.usd[person]!.reduce((a, b) => a + b, 0);
  const requests = (person: string) => report.requests[person]!.reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          {t('about', {
            days: DAYS,
            person: limits.personDailyUsd === null ? t('noPersonCap') : t('personCap', { usd: formatUsd(limits.personDailyUsd) }),
            team: limits.teamDailyUsd === null ? t('noTeamCap') : t('teamCap', { usd: formatUsd(limits.teamDailyUsd) }),
            rate: limits.personPerMinute === null ? t('noRate') : t('rate', { count: limits.personPerMinute }),
          })}
        </p>
      </div>
      {report.people.length === 0 ? (
        <p className="rounded-xl border-2 border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">{t('nothing', { days: DAYS })}</p>
      ) : (
        <>
          <SpendChart report={report} />
          <table className="w-full max-w-2xl text-left text-sm" aria-label={t('perPerson')}>
            <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              <tr><th className="py-1 font-semibold">{t('person')}</th><th className="font-semibold">{t('today')}</th><th className="font-semibold">{t('days', { days: DAYS })}</th><th className="font-semibold">{t('requests')}</th></tr>
            </thead>
            <tbody>
              {report.people.map((person) => (
                <tr key={person} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="spend-row">
                  <td className="py-1.5">{person}</td>
                  <td>{formatUsd(report.usd[person]![today]!)}</td>
                  <td>{formatUsd(total(person))}</td>
                  <td>{requests(person)}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-zinc-300 font-semibold dark:border-zinc-700">
                <td className="py-1.5">{t('team')}</td>
                <td>{formatUsd(report.team_by_day[today]!)}</td>
                <td>{formatUsd(report.team_by_day.reduce((a, b) => a + b, 0))}</td>
                <td>{report.people.reduce((sum, p) => sum + requests(p), 0)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
      {signedIn && <PeopleSessions initial={signedIn} canEnd={settings.admins !== null} />}
    </div>
  );
}
