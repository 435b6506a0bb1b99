'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { GifPlayer } from '../gif-player';

/**
 * A result at full size: fitted to the screen first, then zoomed with the buttons, the
 * wheel or + and − (0 fits again), scrolled when larger than the screen. Esc or the
 * close button returns focus to where it was.
 */
const STEPS = [1, 1.5, 2, 3, 4, 6, 8];

/** `gif`: the image is an animated GIF, shown with its pause control. */
export function Lightbox({ src, alt, onClose, before, gif = false, children }: { src: string; alt: string; onClose: () => void; before?: string; gif?: boolean; children?: ReactNode }) {
  const t = useTranslations('lightbox');
  const [step, setStep] = useState(0);
  // An edit's source, shown instead while "Before" is on (B toggles it).
  const [showBefore, setShowBefore] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLDivElement>(null);
  /** The image's width when it fits the screen, in CSS pixels; the steps multiply it. */
  const [fitWidth, setFitWidth] = useState<number | null>(null);
  const zoom = STEPS[step]!;
  const imageStyle = fitWidth ? { width: `${fitWidth * zoom}px`, maxWidth: 'none', margin: '0 auto' } : { maxWidth: '100%', maxHeight: '100%', margin: 'auto' };
  const measure = (image: HTMLImageElement) => {
    const box = area.current?.getBoundingClientRect();
    if (!box || !image.naturalWidth) return;
    const scale = Math.min(1, (box.width - 16) / image.naturalWidth, (box.height - 16) / image.naturalHeight);
    setFitWidth(image.naturalWidth * scale);
  };
  const hasBefore = Boolean(before);
  const by = (delta: number) => setStep((s) => Math.min(STEPS.length - 1, Math.max(0, s + delta)));

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      // Keys typed into a side panel (a comment) are the panel's.
      if (e.target instanceof HTMLElement && /^(INPUT|TEXTAREA)$/.test(e.target.tagName)) return;
      if (e.key === 'Escape') onClose();
      else if (e.key === '+' || e.key === '=') by(1);
      else if (e.key === '-') by(-1);
      else if (e.key === '0') setStep(0);
      else if ((e.key === 'b' || e.key === 'B') && hasBefore) setShowBefore((on) => !on);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, [onClose, hasBefore]);

  const button = 'rounded-md bg-white/90 px-3 py-1 text-sm font-semibold text-zinc-900 hover:bg-white disabled:opacity-40';
  return (
    <div role="dialog" aria-modal="true" aria-label={alt} data-testid="lightbox" className="fixed inset-0 z-50 flex flex-col bg-black/85" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="flex items-center justify-end gap-2 p-2">
        {before && (
          <button type="button" className={button} aria-pressed={showBefore} onClick={() => setShowBefore((on) => !on)} data-testid="lightbox-before" title={t('beforeHint')}>
            {showBefore ? t('after') : t('before')}
          </button>
        )}
        <button type="button" className={button} onClick={() => by(-1)} disabled={step === 0} aria-label={t('zoomOut')}>−</button>
        <span className="w-14 text-center text-sm tabular-nums text-white" data-testid="lightbox-zoom">{Math.round(zoom * 100)}%</span>
        <button type="button" className={button} onClick={() => by(1)} disabled={step === STEPS.length - 1} aria-label={t('zoomIn')}>+</button>
        <button type="button" className={button} onClick={() => setStep(0)}>{t('fit')}</button>
        <button ref={closeButton} type="button" className={button} onClick={onClose}>{t('close')}</button>
      </div>
      <div className="flex min-h-0 flex-1 flex-col md:flex-row">
      <div
        ref={area}
        className="flex-1 overflow-auto p-2"
        onWheel={(e) => {
          if (!e.ctrlKey && !e.metaKey && step === 0 && e.deltaY > 0) return;
          by(e.deltaY < 0 ? 1 : -1);
        }}
        onClick={(e) => e.target === e.currentTarget && onClose()}
      >
        {/* At 100% the image fits the screen (never enlarged past its own pixels); each step multiplies that size. */}
        {gif && !showBefore ? (
          <GifPlayer src={src} alt={alt} onLoad={(e) => measure(e.currentTarget)} style={imageStyle} className="block h-auto" imgTestId="lightbox-image" />
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- a data URL result
          <img
            src={showBefore && before ? before : src}
            alt={showBefore ? `Before the edit: ${alt}` : alt}
            onLoad={(e) => measure(e.currentTarget)}
            style={imageStyle}
            className="block h-auto"
            data-testid="lightbox-image"
          />
        )}
      </div>
      {children && <aside className="max-h-[40vh] shrink-0 overflow-y-auto bg-white p-3 text-sm md:max-h-none md:w-80 dark:bg-zinc-900">{children}</aside>}
      </div>
    </div>
  );
}
