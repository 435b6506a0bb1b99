'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** An edit next to its source: drag (or use the arrow keys on) the divider to compare. */
export function BeforeAfter({ before, after, alt }: { before: string; after: string; alt: string }) {
  const t = useTranslations('image');
  const [split, setSplit] = useState(50);
  return (
    <figure className="relative overflow-hidden rounded-xl border border-zinc-200 dark:border-zinc-800">
      {/* eslint-disable-next-line @next/next/no-img-element -- gallery bytes, already final */}
      <img src={after} alt={t('afterAlt', { alt })} className="block h-auto w-full" />
      <div className="absolute inset-0" style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- gallery bytes, already final */}
        <img src={before} alt={t('beforeAlt', { alt })} className="block h-full w-full object-cover" />
      </div>
      <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow" style={{ left: `${split}%` }} />
      <input type="range" min={0} max={100} value={split} onChange={(e) => setSplit(Number(e.target.value))} aria-label={t('compare')} className="absolute inset-x-0 bottom-2 mx-auto w-2/3 accent-accent" />
      <figcaption className="sr-only">{t('compareCaption')}</figcaption>
    </figure>
  );
}
