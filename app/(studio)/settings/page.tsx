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
import { formatUsd } from '@/lib/models/cost';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings · Image Studio' };

const HOW = { open: 'open mode: nobody signs in', password: 'the team password', header: 'single sign-on', oidc: 'your identity provider' } as const;

export default async function SettingsPage() {
  const who = await pageUser();
  const settings = authSettings();
  const { mode } = settings;
  const db = (await gallery()).db;
  const tokens = await listTokens(db, who.id);
  const sessions = usesSessions(settings) ? (await listSessions(db, who.id)).map((s) => sessionJson(s, who.sessionId)) : null;
  const { limits } = serverConfig();
  const limit = (value: number | null, unit: (v: number) => string) => (value === null ? 'none' : unit(value));
  return (
    <div className="max-w-3xl space-y-8">
      <section>
        <h1 className="text-xl font-semibold">Settings</h1>
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
          You are <strong data-testid="settings-name">{who.name}</strong>, signed in with {HOW[mode]}.
        </p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500">Your daily budget</dt><dd>{limit(limits.personDailyUsd, formatUsd)}</dd>
          <dt className="text-zinc-500">Team daily budget</dt><dd>{limit(limits.teamDailyUsd, formatUsd)}</dd>
          <dt className="text-zinc-500">Requests per minute</dt><dd>{limit(limits.personPerMinute, String)}</dd>
        </dl>
      </section>
      {mode === 'password' && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">Names are not verified with the team password: anyone who knows it can sign in under any name.</p>
      )}
      {sessions && <SessionManager initial={sessions} />}
      <TokenManager initial={tokens.map(tokenJson)} origin={originFromHeaders(await headers())} />
    </div>
  );
}
