'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** A person's pick (star) of an image, and how many people picked it. */
export function PickButton({ imageId, picked: initialPicked, picks: initialPicks, onChange }: { imageId: string; picked: boolean; picks: number; onChange?: (picked: boolean, picks: number) => void }) {
  const [state, setState] = useState({ picked: initialPicked, picks: initialPicks });
  const [busy, setBusy] = useState(false);
  const t = useTranslations('gallery.pick');
  const toggle = async () => {
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/gallery/${imageId}/pick`, { method: state.picked ? 'DELETE' : 'PUT' });
      if (res.ok) {
        const body = (await res.json()) as { picked: boolean; picks: number };
        setState({ picked: body.picked, picks: body.picks });
        onChange?.(body.picked, body.picks);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      onClick={() => void toggle()}
      disabled={busy}
      aria-pressed={state.picked}
      data-testid="pick"
      // The accessible name starts with the count people see, then says what the button does.
      className={`flex min-h-6 min-w-6 items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-semibold ${state.picked ? 'text-amber-600 dark:text-amber-400' : 'text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200'}`}
    >
      <span aria-hidden>{state.picked ? '★' : '☆'}</span>
      <span data-testid="pick-count">{state.picks}</span>
      <span className="sr-only">{t('label', { picked: String(state.picked), count: state.picks })}</span>
    </button>
  );
}
