'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { fileExtension } from '@/lib/storage/types';
import { useHydrated } from '../use-hydrated';

/** Download, remix and delete (after confirming) for one gallery image. */
export function ImageActions({ id, format, canDelete }: { id: string; format: string; canDelete: boolean }) {
  const t = useTranslations('image');
  const router = useRouter();
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ext = fileExtension(format);

  async function remove() {
    setBusy(true);
    const res = await fetch(`/api/v1/gallery/${id}`, { method: 'DELETE' });
    setBusy(false);
    if (!res.ok) {
      setError(((await res.json().catch(() => null)) as { error?: { message: string } } | null)?.error?.message ?? t('deleteFailed', { status: res.status }));
      return;
    }
    dialog.current?.close();
    router.push('/gallery');
    router.refresh();
  }

  const button = 'rounded-lg px-3 py-2 text-sm font-semibold';
  return (
    <div className="flex flex-wrap gap-2">
      <a href={`/api/v1/gallery/${id}/image?download=1`} className={`${button} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900`}>
        {t('download', { ext })}
      </a>
      <Link href={`/?remix=${id}`} className={`${button} bg-accent text-white hover:bg-accent-strong`}>
        {t('remix')}
      </Link>
      <Link href={`/edit?from=${id}`} className={`${button} border border-accent text-accent dark:text-accent-light`}>
        {t('edit')}
      </Link>
      {canDelete && (
        <button type="button" onClick={() => dialog.current?.showModal()} disabled={!hydrated} className={`${button} disabled:opacity-50 border border-red-500 text-red-600 dark:text-red-400 hover:bg-red-50 dark:hover:bg-red-950`}>
          {t('delete')}
        </button>
      )}
      <dialog ref={dialog} aria-labelledby="delete-title" className="m-auto rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
        <h2 id="delete-title" className="text-base font-semibold">{t('deleteTitle')}</h2>
        <p className="mt-2 max-w-sm text-sm text-zinc-600 dark:text-zinc-300">{t('deleteAbout')}</p>
        {error && <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">{error}</p>}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => dialog.current?.close()} className={`${button} border border-zinc-300 dark:border-zinc-600`} autoFocus>
            {t('keep')}
          </button>
          <button type="button" onClick={remove} disabled={busy} className={`${button} bg-red-600 text-white hover:bg-red-700 disabled:opacity-50`}>
            {busy ? t('deleting') : t('deleteImage')}
          </button>
        </div>
      </dialog>
    </div>
  );
}
