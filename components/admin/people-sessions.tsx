'use client';

import { useState } from 'react';
import { apiErrorMessage, DangerButton, ErrorAlert } from '../feedback';

type Person = { person_id: string; name: string; sessions: number; last_seen_at: string };

/** The admins' view of who is signed in, with "End all sessions" for one person (a lost laptop, someone who left). */
export function PeopleSessions({ initial, canEnd }: { initial: Person[]; canEnd: boolean }) {
  const [people, setPeople] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function endAll(person: Person) {
    if (!window.confirm(`Sign ${person.name} out everywhere? Each of their browsers must sign in again.`)) return;
    setError(null);
    const res = await fetch(`/api/v1/admin/people/${encodeURIComponent(person.person_id)}/sessions`, { method: 'DELETE' });
    if (!res.ok) return setError(await apiErrorMessage(res));
    setPeople((list) => list.filter((p) => p.person_id !== person.person_id));
  }

  return (
    <section className="space-y-3" aria-labelledby="people-title">
      <h2 id="people-title" className="text-base font-semibold">Signed in</h2>
      <ErrorAlert message={error} />
      {people.length === 0 ? (
        <p className="text-sm text-zinc-500">Nobody has a live session.</p>
      ) : (
        <table className="w-full max-w-2xl text-left text-sm" aria-label="People signed in">
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr><th className="py-1 font-semibold">Person</th><th className="font-semibold">Sessions</th><th className="font-semibold">Last seen (UTC)</th><th /></tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.person_id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="person-row">
                <td className="py-1.5" title={p.person_id}>{p.name}</td>
                <td>{p.sessions}</td>
                <td>{p.last_seen_at.replace('T', ' ').slice(0, 16)}</td>
                <td className="text-right">
                  {canEnd && (
                    <DangerButton onClick={() => endAll(p)} label={`End all sessions of ${p.name}`}>
                      End all sessions
                    </DangerButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!canEnd && <p className="text-xs text-zinc-500">Name the admins in STUDIO_ADMINS to let them sign others out.</p>}
    </section>
  );
}
