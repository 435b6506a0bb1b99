'use client';

import { useState } from 'react';

type Person = { person_id: string; name: string; sessions: number; last_seen_at: string };

/** The admins' view of who is signed in, with "End all sessions" for one person (a lost laptop, someone who left). */
export function PeopleSessions({ initial, canEnd }: { initial: Person[]; canEnd: boolean }) {
  const [people, setPeople] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function endAll(person: Person) {
    if (!window.confirm(`Sign ${person.name} out everywhere? Each of their browsers must sign in again.`)) return;
    setError(null);
    const res = await fetch(`/api/v1/admin/people/${encodeURIComponent(person.person_id)}/sessions`, { method: 'DELETE' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return setError(body?.error?.message ?? `The studio answered ${res.status}.`);
    }
    setPeople((list) => list.filter((p) => p.person_id !== person.person_id));
  }

  return (
    <section className="space-y-3" aria-labelledby="people-title">
      <h2 id="people-title" className="text-base font-semibold">Signed in</h2>
      {error && <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">{error}</p>}
      {people.length === 0 ? (
        <p className="text-sm text-zinc-500">Nobody has a live session.</p>
      ) : (
        <table className="w-full max-w-2xl text-left text-sm" aria-label="People signed in">
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr><th className="py-1 font-semibold">Person</th><th className="font-semibold">Sessions</th><th className="font-semibold">Last seen</th><th /></tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.person_id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="person-row">
                <td className="py-1.5" title={p.person_id}>{p.name}</td>
                <td>{p.sessions}</td>
                <td>{p.last_seen_at.replace('T', ' ').slice(0, 16)}</td>
                <td className="text-right">
                  {canEnd && (
                    <button type="button" onClick={() => endAll(p)} className="rounded-md border border-red-500 px-2 py-1 text-xs font-medium text-red-600 hover:bg-red-50 dark:hover:bg-red-950" aria-label={`End all sessions of ${p.name}`}>
                      End all sessions
                    </button>
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
