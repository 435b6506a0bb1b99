'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TokenJson } from '@/lib/auth/token-api';
import { DangerButton, ErrorAlert } from '../feedback';
import { useApiError } from '../use-error-text';

type Created = TokenJson & { token: string };

/**
 * Personal API tokens: create one (shown once, with a ready-to-paste SDK snippet), see
 * when each was last used, revoke. Revoked tokens stay listed, marked, so people can
 * tell which script stopped working and why.
 */
export function TokenManager({ initial, origin }: { initial: TokenJson[]; origin: string }) {
  const apiError = useApiError();
  const tr = useTranslations('settings.tokens');
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const res = await fetch('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    setBusy(false);
    if (!res.ok) return setError(await apiError(res));
    const token = (await res.json()) as Created;
    setCreated(token);
    setCopied(false);
    setTokens((list) => [token, ...list]);
    setName('');
  }

  async function revoke(id: string) {
    if (!window.confirm(tr('confirmRevoke'))) return;
    const res = await fetch(`/api/v1/tokens/${id}`, { method: 'DELETE' });
    if (!res.ok) return setError(await apiError(res));
    setTokens((list) => list.map((t) => (t.id === id ? { ...t, revoked_at: new Date().toISOString() } : t)));
    if (created?.id === id) setCreated(null);
  }

  async function copy(text: string) {
    await navigator.clipboard.writeText(text).catch(() => {});
    setCopied(true);
  }

  const snippet = created
    ? `from openai import OpenAI\n\nclient = OpenAI(base_url="${origin}/api/v1", api_key="${created.token}")\nimg = client.images.generate(model="gpt-image-1.5", prompt="a lighthouse at dusk")`
    : '';
  return (
    <section className="space-y-4" aria-labelledby="tokens-title">
      <div>
        <h2 id="tokens-title" className="text-base font-semibold">{tr('title')}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          {tr.rich('about', { base: `${origin}/api/v1`, code: (chunks) => <code className="font-mono text-xs">{chunks}</code> })}
        </p>
      </div>
      <form onSubmit={create} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-60 flex-1 flex-col text-xs font-semibold">
          {tr('name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder={tr('namePlaceholder')} className="mt-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-normal dark:border-zinc-700 dark:bg-zinc-900" />
        </label>
        <button type="submit" disabled={busy || !name.trim()} className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong disabled:opacity-50">
          {tr('create')}
        </button>
      </form>
      <ErrorAlert message={error} />
      {created && (
        <div className="space-y-2 rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950/40" data-testid="new-token">
          <p className="font-semibold">{tr('copyNow', { name: created.name })}</p>
          <div className="flex gap-2">
            <code className="flex-1 overflow-x-auto rounded-md bg-white px-2 py-1.5 font-mono text-xs dark:bg-zinc-900" data-testid="new-token-value">{created.token}</code>
            <button type="button" onClick={() => copy(created.token)} className="rounded-md border border-zinc-300 px-2 text-xs font-medium dark:border-zinc-700">
              {copied ? tr('copied') : tr('copy')}
            </button>
          </div>
          <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{snippet}</pre>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{tr('none')}</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label={tr('label')}>
          <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
            <tr><th className="py-1 font-semibold">{tr('colName')}</th><th className="font-semibold">{tr('colToken')}</th><th className="font-semibold">{tr('colCreated')}</th><th className="font-semibold">{tr('colLastUsed')}</th><th /></tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-zinc-200 dark:border-zinc-800" data-testid="token-row">
                <td className="py-2">{t.name}</td>
                <td className="font-mono text-xs">{t.hint}</td>
                <td>{t.created_at.slice(0, 10)}</td>
                <td>{t.last_used_at ? t.last_used_at.replace('T', ' ').slice(0, 16) : tr('never')}</td>
                <td className="text-right">
                  {t.revoked_at ? (
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">{tr('revoked')}</span>
                  ) : (
                    <DangerButton onClick={() => revoke(t.id)} label={tr('revokeLabel', { name: t.name })}>
                      {tr('revoke')}
                    </DangerButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
