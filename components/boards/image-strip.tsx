'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { Lightbox } from '../studio/lightbox';
import { useStepKeys } from './use-step-keys';

/**
 * A grid of images that open in the lightbox, where the arrow keys step through them in
 * order. Used by shared boards (and board pages).
 */
export type StripImage = { id: string; thumb: string; src: string; alt: string; caption?: string | null; format?: string };

export function ImageStrip({ images }: { images: StripImage[] }) {
  const t = useTranslations('shared');
  const [open, setOpen] = useState<number | null>(null);
  const close = useCallback(() => setOpen(null), []);
  useStepKeys(open, setOpen, images.length);
  const shown = open === null ? null : images[open];
  return (
    <>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="board-grid">
        {images.map((image, i) => (
          <li key={image.id}>
            <button type="button" onClick={() => setOpen(i)} className="block w-full overflow-hidden rounded-lg border border-zinc-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent dark:border-zinc-800" data-testid="board-tile">
              {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails behind a link, not optimisable assets */}
              <img src={image.thumb} alt={image.alt} loading="lazy" className="aspect-square w-full object-cover" />
            </button>
            {image.caption && <p className="mt-1 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">{image.caption}</p>}
          </li>
        ))}
      </ul>
      {shown && (
        <Lightbox key={shown.id} src={shown.src} gif={shown.format === 'gif'} alt={t('lightboxAlt', { name: shown.alt, position: open! + 1, total: images.length })} onClose={close} />
      )}
    </>
  );
}
