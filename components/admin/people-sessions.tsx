'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { DangerButton, ErrorAlert } from '../feedback';
import { useApiError } from '../use-error-text';

type Person = { person_id: string; name: string; sessions: number; last_seen_at: string };

/** The admins' view of who is signed in, with "End all sessions" for one person (a lost laptop, someone who left). */
export function PeopleSessions({ initial, canEnd }: { initial: Person[]; canEnd: boolean }) {
  const apiError = useApiError();
  const t = useTranslations('admin.people');
  const [people, setPeople] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function endAll(person: Person) {
    if (!window.confirm(t('confirm', { name: person.name }))) return;
    setError(null);
    const res = await fetch(`/api/v1/admin/people/${encodeURIComponent(person.person_id)}/sessions`, { method: 'DELETE' });
    if (!res.ok) return setError(await apiError(res));
    setPeople((list) => list.filter((p) => p.person_id !== person.person_id));
  }

  return (
    <section className="space-y-3" aria-labelledby="people-title">
      <h2 id="people-title" className="text-base font-semibold">{t('title')}</h2>
      <ErrorAlert message={error} />
      {people.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('nobody')}</p>
      ) : (
        <table className="w-full max-w-2xl text-left text-sm" aria-label={t('label')}>
          <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
            <tr><th className="py-1 font-semibold">{t('person')}</th><th className="font-semibold">{t('sessions')}</th><th className="font-semibold">{t('lastSeen')}</th><th /></tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.person_id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="person-row">
                <td className="py-1.5" title={p.person_id}>{p.name}</td>
                <td>{p.sessions}</td>
                <td>{p.last_seen_at.replace('T', ' ').slice(0, 16)}</td>
                <td className="text-right">
                  {canEnd && (
                    <DangerButton onClick={() => endAll(p)} label={t('endAllLabel', { name: p.name })}>
                      {t('endAll')}
                    </DangerButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!canEnd && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('needAdmins')}</p>}
    </section>
  );
}
