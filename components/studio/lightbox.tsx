'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A result at full size: fitted to the screen first, then zoomed with the buttons, the
 * wheel or + and − (0 fits again), scrolled when larger than the screen. Esc or the
 * close button returns focus to where it was.
 */
const STEPS = [1, 1.5, 2, 3, 4, 6, 8];

export function Lightbox({ src, alt, onClose }: { src: string; alt: string; onClose: () => void }) {
  const [step, setStep] = useState(0);
  const closeButton = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLDivElement>(null);
  /** The image's width when it fits the screen, in CSS pixels; the steps multiply it. */
  const [fitWidth, setFitWidth] = useState<number | null>(null);
  const zoom = STEPS[step]!;
  const measure = (image: HTMLImageElement) => {
    const box = area.current?.getBoundingClientRect();
    if (!box || !image.naturalWidth) return;
    const scale = Math.min(1, (box.width - 16) / image.naturalWidth, (box.height - 16) / image.naturalHeight);
    setFitWidth(image.naturalWidth * scale);
  };
  const by = (delta: number) => setStep((s) => Math.min(STEPS.length - 1, Math.max(0, s + delta)));

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === '+' || e.key === '=') by(1);
      else if (e.key === '-') by(-1);
      else if (e.key === '0') setStep(0);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, [onClose]);

  const button = 'rounded-md bg-white/90 px-3 py-1 text-sm font-semibold text-zinc-900 hover:bg-white disabled:opacity-40';
  return (
    <div role="dialog" aria-modal="true" aria-label={alt} data-testid="lightbox" className="fixed inset-0 z-50 flex flex-col bg-black/85" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="flex items-center justify-end gap-2 p-2">
        <button type="button" className={button} onClick={() => by(-1)} disabled={step === 0} aria-label="Zoom out">−</button>
        <span className="w-14 text-center text-sm tabular-nums text-white" data-testid="lightbox-zoom">{Math.round(zoom * 100)}%</span>
        <button type="button" className={button} onClick={() => by(1)} disabled={step === STEPS.length - 1} aria-label="Zoom in">+</button>
        <button type="button" className={button} onClick={() => setStep(0)}>Fit</button>
        <button ref={closeButton} type="button" className={button} onClick={onClose}>Close</button>
      </div>
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
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL result */}
        <img
          src={src}
          alt={alt}
          onLoad={(e) => measure(e.currentTarget)}
          style={fitWidth ? { width: `${fitWidth * zoom}px`, maxWidth: 'none', margin: '0 auto' } : { maxWidth: '100%', maxHeight: '100%', margin: 'auto' }}
          className="block h-auto"
          data-testid="lightbox-image"
        />
      </div>
    </div>
  );
}
