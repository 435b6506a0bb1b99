'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Padding } from '@/lib/mask/extend';
import { useEditor } from './editor-provider';

const SIDES: Array<keyof Padding> = ['top', 'right', 'bottom', 'left'];

/** Outpainting: choose sides and how much; the new area is added to the mask. */
export function ExtendCanvas() {
  const t = useTranslations('editor.extend');
  const extend = useEditor((e) => e.extend);
  const hasImage = useEditor((e) => e.images.length > 0);
  const [sides, setSides] = useState<Array<keyof Padding>>(['left', 'right']);
  const [fraction, setFraction] = useState(0.25);
  if (!hasImage) return null;
  return (
    <details className="rounded-lg border border-zinc-200 p-2 text-xs dark:border-zinc-800">
      <summary className="cursor-pointer font-semibold">{t('title')}</summary>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {SIDES.map((side) => (
          <label key={side} className="flex items-center gap-1">
            <input type="checkbox" checked={sides.includes(side)} onChange={(e) => setSides((s) => (e.target.checked ? [...s, side] : s.filter((x) => x !== side)))} className="accent-accent" />
            {t(`sides.${side}`)}
          </label>
        ))}
        <label className="flex items-center gap-1">
          by
          <select value={fraction} onChange={(e) => setFraction(Number(e.target.value))} aria-label={t('by')} className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900">
            {[0.125, 0.25, 0.5].map((f) => <option key={f} value={f}>{f * 100}%</option>)}
          </select>
        </label>
        <button type="button" disabled={sides.length === 0} onClick={() => void extend(sides, fraction)} className="rounded-md bg-accent px-2 py-1 font-semibold text-white disabled:opacity-40">
          {t('go')}
        </button>
      </div>
      <p className="mt-1 text-zinc-500 dark:text-zinc-400">{t('about')}</p>
    </details>
  );
}
