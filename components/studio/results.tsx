'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fileExtension } from '@/lib/storage/types';
import { useErrorText } from '../use-error-text';
import { Lightbox } from './lightbox';
import { GifPlayer } from '../gif-player';
import { RunStatus, type RunPhase } from '../runs/run-status';
import { useRun, type RenderRecord, type ResultSlot, type RunState } from './run-slice';

/** The editor's run states, as the shared status line names them. */
const PHASES: Record<RunState['status'], RunPhase> = { idle: 'idle', running: 'running', done: 'completed', cancelled: 'cancelled', error: 'failed' };

/** e.g. image-studio-2026-11-21-051532-1.png */
export const downloadName = (createdAt: number, index: number, extension: string) =>
  `image-studio-${new Date(createdAt).toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '')}-${index + 1}.${extension}`;

/** Cheap fingerprint of an image's data, so tests can tell renders apart. */
const digest = (src: string) => `${src.length}:${src.slice(-48)}`;

/**
 * The run's results. `onUseAsInput` (the editor) offers each final image back onto the
 * canvas, to go on editing it.
 */
export function Results({ onUseAsInput }: { onUseAsInput?: (src: string, name: string) => void } = {}) {
  const status = useRun((s) => s.status);
  const slots = useRun((s) => s.slots);
  const error = useRun((s) => s.error);
  const startedAt = useRun((s) => s.startedAt);
  const finishedAt = useRun((s) => s.finishedAt);
  const expected = useRun((s) => s.expectedImages);
  const recordRender = useRun((s) => s.recordRender);
  const retry = useRun((s) => s.retry);
  const section = useRef<HTMLElement>(null);
  const t = useTranslations('results');
  useEffect(() => {
    // On narrow screens the results sit below the form: bring them into view.
    const top = section.current?.getBoundingClientRect().top;
    if (status === 'running' && top !== undefined && top > window.innerHeight * 0.6) section.current?.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
  }, [status]);

  return (
    <section ref={section} aria-label={t('label')} className="flex min-h-[60vh] scroll-mt-4 flex-col gap-3">
      <RunStatus progress={{ phase: PHASES[status], startedAt, endedAt: finishedAt, n: expected, slots }} className="flex items-center gap-2 text-sm" />
      {error && <RunError error={error} finishedAt={finishedAt} onRetry={() => void retry()} />}
      {slots.length === 0 && status === 'idle' && (
        <div className="flex flex-1 items-center justify-center rounded-xl border-2 border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
          {t('empty')}
        </div>
      )}
      <div className={`grid gap-3 ${slots.length > 1 ? 'sm:grid-cols-2' : ''}`}>
        {slots.map((slot, i) =>
          // A failed run keeps only what arrived: no empty tiles.
          status === 'error' && !slot.partial && !slot.final ? null : (
            <ResultTile key={i} index={i} slot={slot} running={status === 'running'} onUseAsInput={onUseAsInput} onRender={recordRender} />
          ),
        )}
      </div>
    </section>
  );
}

/** One image of a run: partial images sharpening in place, then the final one with its actions. */
export function ResultTile({
  index,
  slot,
  running,
  onUseAsInput,
  onRender,
  label,
}: {
  index: number;
  slot: ResultSlot;
  running: boolean;
  onUseAsInput?: (src: string, name: string) => void;
  onRender: (record: Omit<RenderRecord, 'at'>) => void;
  /** The image's alternative text (the prompt, where there is one). */
  label?: string;
}) {
  const recordRender = onRender;
  const t = useTranslations('results');
  const name = label ?? t('generated');
  const [zoomed, setZoomed] = useState(false);
  const closeZoom = useCallback(() => setZoomed(false), []);
  const shown = slot.final ?? slot.partial;
  const isFinal = Boolean(slot.final);
  const extension = fileExtension(slot.final?.format ?? 'png');
  return (
    <figure className="overflow-hidden rounded-xl border border-zinc-200 bg-[conic-gradient(#e4e4e7_25%,transparent_0_50%,#e4e4e7_0_75%,transparent_0)] bg-[length:16px_16px] dark:border-zinc-700 dark:bg-[conic-gradient(#27272a_25%,transparent_0_50%,#27272a_0_75%,transparent_0)]" data-testid="result" data-state={isFinal ? 'final' : shown ? 'partial' : 'waiting'}>
      {shown && isFinal && slot.final?.format === 'gif' ? (
        <GifPlayer
          src={shown.src}
          alt={t('imageN', { label: name, n: index + 1 })}
          className="h-auto w-full"
          onLoad={() => recordRender({ slot: index, kind: 'final', partialIndex: null, digest: digest(shown.src) })}
        />
      ) : shown ? (
        // eslint-disable-next-line @next/next/no-img-element -- data URLs from the stream, not optimisable assets
        <img
          onClick={() => isFinal && setZoomed(true)}
          title={isFinal ? t('openFull') : undefined}
          src={shown.src}
          alt={isFinal ? t('imageN', { label: name, n: index + 1 }) : t('partialN', { n: index + 1 })}
          className={`h-auto w-full ${isFinal ? 'cursor-zoom-in' : 'opacity-90'}`}
          style={{ imageRendering: isFinal ? 'auto' : 'pixelated' }}
          onLoad={() =>
            recordRender({ slot: index, kind: isFinal ? 'final' : 'partial', partialIndex: isFinal ? null : (slot.partial?.index ?? null), digest: digest(shown.src) })
          }
        />
      ) : (
        <div className="flex aspect-square items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">{running ? t('waitingFirst') : t('notFinished')}</div>
      )}
      <figcaption className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1 bg-white/90 p-2 text-xs dark:bg-zinc-900/90">
        <span className="mr-auto text-zinc-600 dark:text-zinc-300">
          {isFinal ? `${slot.final?.size ?? ''} ${slot.final?.format ?? ''}` : slot.partial ? t('partial', { n: slot.partial.index + 1 }) : ''}
        </span>
        {isFinal && slot.final && onUseAsInput && (
          <button type="button" onClick={() => onUseAsInput(slot.final!.src, downloadName(slot.final!.createdAt, index, extension))} className="rounded-md px-2 py-1 font-semibold text-accent dark:text-accent-light hover:underline" data-testid="use-as-input">
            {t('useAsInput')}
          </button>
        )}
        {isFinal && slot.final && (
          <button type="button" onClick={() => setZoomed(true)} className="rounded-md px-2 py-1 font-semibold text-accent dark:text-accent-light hover:underline" data-testid="open-full-size">
            {t('fullSize')}
          </button>
        )}
        {isFinal && slot.final?.galleryId && !onUseAsInput && (
          <a href={`/edit?from=${slot.final.galleryId}`} className="rounded-md px-2 py-1 font-semibold text-accent dark:text-accent-light hover:underline" data-testid="edit-result">
            {t('edit')}
          </a>
        )}
        {isFinal && slot.final?.galleryId && (
          <a href={`/gallery/${slot.final.galleryId}`} className="rounded-md px-2 py-1 font-semibold text-accent dark:text-accent-light hover:underline" data-testid="open-in-gallery">
            {t('openInGallery')}
          </a>
        )}
        {isFinal && slot.final && (
          <a href={slot.final.src} download={downloadName(slot.final.createdAt, index, extension)} className="rounded-md bg-zinc-900 px-2 py-1 font-semibold text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900">
            {t('downloadExt', { ext: extension })}
          </a>
        )}
      </figcaption>
      {zoomed && slot.final && <Lightbox src={slot.final.src} gif={slot.final.format === 'gif'} alt={t('fullSizeAlt', { label: name, n: index + 1 })} onClose={closeZoom} />}
      {slot.final?.revisedPrompt && (
        <p className="border-t border-zinc-200 bg-white/90 p-2 text-xs text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900/90 dark:text-zinc-300">
          <span className="font-semibold">{t('revised')}</span>
          {slot.final.revisedPrompt}
        </p>
      )}
    </figure>
  );
}

/**
 * What went wrong, and "Run again": after a rate limit, only once its wait is over,
 * counting down to it.
 */
export function RunError({ error, finishedAt, onRetry }: { error: NonNullable<RunState['error']>; finishedAt: number | null; onRetry?: () => void }) {
  const readyAt = (finishedAt ?? 0) + (error.retryAfter ?? 0) * 1000;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (now >= readyAt) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(1000, readyAt - now));
    return () => clearTimeout(timer);
  }, [now, readyAt]);
  const wait = Math.ceil((readyAt - now) / 1000);
  const t = useTranslations('results');
  const tErrors = useTranslations('errors');
  const text = useErrorText()(error);
  return (
    <div role="alert" data-testid="run-error" className="flex items-start justify-between gap-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
      <div>
        <p className="font-semibold">{text.headline}</p>
        {text.detail && (
          // The server's English, on request: it often only repeats the headline, and sometimes says more (which model).
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer">{tErrors('serverSaid')}</summary>
            <p lang="en" className="mt-0.5">{text.detail}</p>
          </details>
        )}
        {error.code && <p className="mt-1 font-mono text-xs opacity-70">{error.code}{error.status ? ` · ${error.status}` : ''}</p>}
      </div>
      {onRetry && <button type="button" onClick={onRetry} disabled={wait > 0} data-testid="run-again" className="shrink-0 rounded-md border border-red-500 px-2 py-1 text-xs font-semibold text-red-700 disabled:opacity-60 dark:text-red-200">
        {wait > 0 ? t('runAgainIn', { seconds: wait }) : t('runAgain')}
      </button>}
    </div>
  );
}

