'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { SessionJson } from '@/lib/auth/session-api';
import { DangerButton, ErrorAlert } from '../feedback';
import { useApiError } from '../use-error-text';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/**
 * Where you are signed in: each live session with its device, address and when it was
 * last seen. Ending one signs that browser out on its next request; this browser's own
 * session is marked and ended with Sign out.
 */
export function SessionManager({ initial }: { initial: SessionJson[] }) {
  const apiError = useApiError();
  const t = useTranslations('settings.sessions');
  const [sessions, setSessions] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function end(id: string) {
    setError(null);
    const res = await fetch(`/api/v1/sessions/${id}`, { method: 'DELETE' });
    if (!res.ok) return setError(await apiError(res));
    setSessions((list) => list.filter((s) => s.id !== id));
  }

  return (
    <section className="space-y-3" aria-labelledby="sessions-title">
      <div>
        <h2 id="sessions-title" className="text-base font-semibold">{t('title')}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">{t('about')}</p>
      </div>
      <ErrorAlert message={error} />
      <table className="w-full text-left text-sm" aria-label={t('label')}>
        <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
          <tr><th className="py-1 font-semibold">{t('device')}</th><th className="font-semibold">{t('address')}</th><th className="font-semibold">{t('signedIn')}</th><th className="font-semibold">{t('lastSeen')}</th><th /></tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="session-row">
              <td className="py-2" title={s.user_agent ?? undefined}>
                {s.device}
                {s.current && <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{t('thisBrowser')}</span>}
              </td>
              <td className="font-mono text-xs">{s.address ?? '—'}</td>
              <td>{when(s.created_at)}</td>
              <td>{when(s.last_seen_at)}</td>
              <td className="text-right">
                {!s.current && (
                  <DangerButton onClick={() => end(s.id)} label={t('endLabel', { device: s.device })}>
                    {t('end')}
                  </DangerButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
