import { getFormatter, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/i18n/money';
import { headers } from 'next/headers';
import { SessionManager } from '@/components/account/session-manager';
import { TokenManager } from '@/components/account/token-manager';
import { pageUser } from '@/lib/auth/page';
import { sessionJson } from '@/lib/auth/session-api';
import { listSessions } from '@/lib/auth/sessions';
import { authSettings, usesSessions } from '@/lib/auth/settings';
import { tokenJson } from '@/lib/auth/token-api';
import { listTokens } from '@/lib/auth/tokens';
import { serverConfig } from '@/lib/config';
import { gallery } from '@/lib/gallery/instance';
import { originFromHeaders } from '@/lib/http/request-facts';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('settings'))('pageTitle') };
}

export default async function SettingsPage() {
  const who = await pageUser();
  const settings = authSettings();
  const { mode } = settings;
  const db = (await gallery()).db;
  const tokens = await listTokens(db, who.id);
  const sessions = usesSessions(settings) ? (await listSessions(db, who.id)).map((s) => sessionJson(s, who.sessionId)) : null;
  const { limits } = serverConfig();
  const t = await getTranslations('settings');
  const format = await getFormatter();
  const usd = (v: number) => formatMoney(format, v);
  const limit = (value: number | null, unit: (v: number) => string) => (value === null ? t('none') : unit(value));
  return (
    <div className="max-w-3xl space-y-8">
      <section>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          {t.rich('you', { name: who.name, how: t(`how.${mode}`), strong: (chunks) => <strong data-testid="settings-name">{chunks}</strong> })}
        </p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">{t('personBudget')}</dt><dd>{limit(limits.personDailyUsd, usd)}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">{t('teamBudget')}</dt><dd>{limit(limits.teamDailyUsd, usd)}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">{t('perMinute')}</dt><dd>{limit(limits.personPerMinute, (v) => format.number(v))}</dd>
        </dl>
      </section>
      {mode === 'password' && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t('notVerified')}</p>
      )}
      {sessions && <SessionManager initial={sessions} />}
      <TokenManager initial={tokens.map(tokenJson)} origin={originFromHeaders(await headers())} />
    </div>
  );
}
