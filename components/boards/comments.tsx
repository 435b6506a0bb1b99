'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../feedback';
import { useApiError } from '../use-error-text';

export type CommentJson = { id: string; author: string; author_id: string; body: string; created_at: string; edited_at: string | null };

/**
 * An image's comments, oldest first, with a box to add one. Text is shown as text (React
 * escapes it), never as HTML or links. People edit and delete their own.
 */
export function Comments({ imageId, initial, me }: { imageId: string; initial?: CommentJson[]; me: string }) {
  const [comments, setComments] = useState(initial ?? []);
  const apiError = useApiError();
  const t = useTranslations('comments');
  const format = useFormatter();
  // Without comments handed in (a board's lightbox), they are read when shown.
  useEffect(() => {
    if (initial) return;
    let stopped = false;
    void fetch(`/api/v1/gallery/${imageId}/comments`)
      .then((r) => (r.ok ? (r.json() as Promise<{ data: CommentJson[] }>) : { data: [] }))
      .then((list) => !stopped && setComments(list.data));
    return () => {
      stopped = true;
    };
  }, [imageId, initial]);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = `/api/v1/gallery/${imageId}/comments`;
  const send = async (url: string, method: string, body?: unknown) => {
    setError(null);
    const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) {
      setError(await apiError(res));
      return null;
    }
    return (await res.json()) as CommentJson;
  };
  return (
    <section aria-labelledby="comments-title" className="space-y-2" data-testid="comments">
      <h2 id="comments-title" className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {t('title', { count: comments.length })}
      </h2>
      <ul className="space-y-2">
        {comments.map((c) => (
          <li key={c.id} className="rounded-lg bg-zinc-50 p-2 dark:bg-zinc-800/60" data-testid="comment">
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              <span className="font-semibold text-zinc-700 dark:text-zinc-200">{c.author}</span> · <time dateTime={c.created_at}>{format.dateTime(new Date(c.created_at), { dateStyle: 'medium', timeStyle: 'short' })}</time>
              {c.edited_at ? t('edited') : ''}
            </p>
            {editing?.id === c.id ? (
              <form
                className="mt-1 space-y-1"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const saved = await send(`${path}/${c.id}`, 'PATCH', { body: editing.body });
                  if (saved) {
                    setComments((all) => all.map((x) => (x.id === c.id ? saved : x)));
                    setEditing(null);
                  }
                }}
              >
                <textarea aria-label={t('editLabel')} value={editing.body} maxLength={2000} onChange={(e) => setEditing({ id: c.id, body: e.target.value })} className="w-full rounded border border-zinc-300 bg-white p-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
                <button type="submit" className="rounded bg-accent px-2 py-0.5 text-xs font-semibold text-white">{t('save')}</button>{' '}
                <button type="button" onClick={() => setEditing(null)} className="text-xs">{t('cancel')}</button>
              </form>
            ) : (
              <p className="mt-1 whitespace-pre-wrap break-words text-sm" data-testid="comment-body">{c.body}</p>
            )}
            {c.author_id === me && editing?.id !== c.id && (
              <p className="mt-1 flex gap-2 text-xs">
                <button type="button" onClick={() => setEditing({ id: c.id, body: c.body })} className="text-accent dark:text-accent-light hover:underline">{t('edit')}</button>
                <button
                  type="button"
                  onClick={async () => {
                    if ((await send(`${path}/${c.id}`, 'DELETE')) !== null) setComments((all) => all.filter((x) => x.id !== c.id));
                  }}
                  className="text-red-600 dark:text-red-400 hover:underline"
                >
                  {t('delete')}
                </button>
              </p>
            )}
          </li>
        ))}
      </ul>
      <form
        className="space-y-1"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await send(path, 'POST', { body: draft });
          if (made) {
            setComments((all) => [...all, made]);
            setDraft('');
          }
        }}
      >
        <label htmlFor={`comment-${imageId}`} className="sr-only">{t('add')}</label>
        <textarea id={`comment-${imageId}`} value={draft} maxLength={2000} rows={2} onChange={(e) => setDraft(e.target.value)} placeholder={t('addPlaceholder')} className="w-full rounded-lg border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
        <div className="flex items-center justify-between text-[11px] text-zinc-500 dark:text-zinc-400">
          <span>{draft.length} / 2,000</span>
          <button type="submit" disabled={!draft.trim()} className="rounded-md bg-accent px-3 py-1 text-xs font-semibold text-white disabled:opacity-40">{t('submit')}</button>
        </div>
      </form>
      <ErrorAlert message={error} />
    </section>
  );
}
