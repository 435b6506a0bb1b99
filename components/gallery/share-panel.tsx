'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useApiError } from '../use-error-text';
import { useHydrated } from '../use-hydrated';
import type { ShareJson } from '@/lib/gallery/shares';

/** Each expiry choice: its key, hours, and the message that names it. */
const EXPIRY = [
  ['never', null, 'never'],
  ['1h', 1, 'hour'],
  ['1d', 24, 'day'],
  ['7d', 24 * 7, 'week'],
  ['30d', 24 * 30, 'month'],
] as const;

/**
 * Create, copy, list and revoke the links that show this one image (or this board) to
 * anyone. `sharesPath` is its shares endpoint (`/api/v1/gallery/<id>/shares` or
 * `/api/v1/boards/<id>/shares`).
 */
export function SharePanel({ sharesPath, initial, what = 'image' }: { sharesPath: string; initial: ShareJson[]; what?: 'image' | 'board' }) {
  const board = what === 'board';
  const t = useTranslations('share');
  const apiError = useApiError();
  const format = useFormatter();
  const [allowDownload, setAllowDownload] = useState(true);
  const hydrated = useHydrated();
  const [links, setLinks] = useState(initial);
  const [expiry, setExpiry] = useState<(typeof EXPIRY)[number][0]>('never');
  const [hidePrompt, setHidePrompt] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  // Sent here to share (`#share`, as the gallery's "Share…" does): the choices come first.
  const firstChoice = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (window.location.hash === '#share') firstChoice.current?.focus();
  }, []);

  async function call(path: string, init: RequestInit): Promise<unknown> {
    setError(null);
    const res = await fetch(path, init);
    if (!res.ok) throw new Error(await apiError(res));
    return res.json().catch(() => null);
  }

  async function create() {
    try {
      const hours = EXPIRY.find(([key]) => key === expiry)![1];
      const link = (await call(sharesPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expires_in_hours: hours, hide_prompt: hidePrompt, ...(board ? { allow_download: allowDownload } : {}) }),
      })) as ShareJson;
      setLinks((l) => [link, ...l]);
      await copy(link.url);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function revoke(token: string) {
    try {
      await call(`${sharesPath}/${token}`, { method: 'DELETE' });
      setLinks((l) => l.map((x) => (x.token === token ? { ...x, state: 'revoked', revoked_at: new Date().toISOString() } : x)));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
      setTimeout(() => setCopied(null), 2000);
    } catch {
      // Clipboard refused (permissions): the link stays visible to copy by hand.
    }
  }

  return (
    <section id="share" aria-labelledby="share-title" className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <h2 id="share-title" className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('title')}</h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {t(board ? 'aboutBoard' : 'aboutImage')} {t('noSignIn')}
      </p>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="sr-only" htmlFor="share-expiry">{t('expires')}</label>
        <select ref={firstChoice} id="share-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value as typeof expiry)} className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
          {EXPIRY.map(([key, , label]) => <option key={key} value={key}>{t(label)}</option>)}
        </select>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={hidePrompt} onChange={(e) => setHidePrompt(e.target.checked)} className="accent-accent" />
          {t(board ? 'hidePrompts' : 'hidePrompt')}
        </label>
        {board && (
          <label className="flex items-center gap-1 text-xs">
            <input type="checkbox" checked={allowDownload} onChange={(e) => setAllowDownload(e.target.checked)} className="accent-accent" />
            {t('offerZip')}
          </label>
        )}
        <button type="button" onClick={create} disabled={!hydrated} className="ml-auto rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-strong disabled:opacity-50">
          {t('create')}
        </button>
      </div>
      {error && <p role="alert" className="text-xs text-red-600 dark:text-red-400">{error}</p>}
      {links.length > 0 && (
        <ul className="space-y-1.5" aria-label={t('links')} data-testid="share-links">
          {links.map((link) => (
            <li key={link.token} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" data-state={link.state}>
              <input readOnly value={link.url} aria-label={t('link')} onFocus={(e) => e.target.select()} className={`w-full rounded border border-zinc-200 bg-zinc-50 px-1.5 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-800 ${link.state !== 'active' ? 'line-through opacity-60' : ''}`} />
              <span className="mr-auto text-zinc-500 dark:text-zinc-400">
                {link.state === 'active' ? (link.expires_at ? t('until', { date: format.dateTime(new Date(link.expires_at), { dateStyle: 'medium', timeStyle: 'short' }) }) : t('noExpiry')) : t(`state.${link.state as 'active' | 'revoked' | 'expired'}`)}
                {link.hide_prompt ? t('promptHidden') : ''}
                {board && !link.allow_download ? t('noZip') : ''}
              </span>
              {link.state === 'active' && (
                <>
                  <button type="button" onClick={() => copy(link.url)} className="shrink-0 rounded border border-zinc-300 px-1.5 py-0.5 dark:border-zinc-600">{copied === link.url ? t('copied') : t('copy')}</button>
                  <button type="button" onClick={() => revoke(link.token)} className="shrink-0 rounded border border-red-400 px-1.5 py-0.5 text-red-600 dark:text-red-400">{t('revoke')}</button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
