'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useSyncExternalStore, type ImgHTMLAttributes } from 'react';

const REDUCED = '(prefers-reduced-motion: reduce)';
const subscribeReducedMotion = (change: () => void) => {
  const query = matchMedia(REDUCED);
  query.addEventListener('change', change);
  return () => query.removeEventListener('change', change);
};

/**
 * An animated GIF with a pause control. Paused, the frame showing is drawn onto a canvas
 * laid over the image (a GIF in an `<img>` cannot be stopped); the image stays beneath,
 * so its alternative text is still read. People who ask their system for reduced motion
 * get it paused on its first frame until they press Play.
 */
export function GifPlayer({ src, alt, className, imgTestId, onLoad, ...img }: ImgHTMLAttributes<HTMLImageElement> & { src: string; alt: string; imgTestId?: string }) {
  const t = useTranslations('results');
  const reduced = useSyncExternalStore(subscribeReducedMotion, () => matchMedia(REDUCED).matches, () => false);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const paused = chosen ?? reduced;
  const image = useRef<HTMLImageElement>(null);
  const still = useRef<HTMLCanvasElement>(null);

  const freeze = () => {
    const from = image.current;
    const to = still.current;
    if (!from || !to || !from.complete || !from.naturalWidth) return;
    to.width = from.naturalWidth;
    to.height = from.naturalHeight;
    to.getContext('2d')?.drawImage(from, 0, 0);
  };
  useEffect(() => {
    if (paused) freeze();
  }, [paused, src]);

  return (
    <div className="relative" data-testid="gif-player" data-paused={paused}>
      {/* eslint-disable-next-line @next/next/no-img-element -- the GIF's own bytes */}
      <img
        ref={image}
        src={src}
        alt={alt}
        className={className}
        data-testid={imgTestId}
        onLoad={(e) => {
          if (paused) freeze();
          onLoad?.(e);
        }}
        {...img}
      />
      <canvas ref={still} aria-hidden className={`pointer-events-none absolute inset-0 h-full w-full ${paused ? '' : 'hidden'}`} data-testid="gif-still" />
      <button
        type="button"
        aria-pressed={paused}
        onClick={() => setChosen(!paused)}
        className="absolute left-2 top-2 rounded-md bg-zinc-900/80 px-2 py-1 text-xs font-semibold text-white hover:bg-zinc-900"
        data-testid="gif-toggle"
      >
        {paused ? t('playGif') : t('pauseGif')}
      </button>
    </div>
  );
}
