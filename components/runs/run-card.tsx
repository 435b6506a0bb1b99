'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { AddToBoard } from '../boards/add-to-board';
import { findModel } from '@/lib/models/registry';
import { isActive, type RunJson } from '@/lib/client/runs';
import { valuesForModel, type FormState } from '../studio/form';
import { ResultTile, RunError } from '../studio/results';
import type { ResultSlot } from '../studio/run-slice';
import { RunStatus, type RunProgress } from './run-status';
import { useStudio } from '../studio/studio-provider';
import { useMoney } from '../use-money';
import { useFeed } from './feed-context';

/** Option values worth a chip on a card (the rest are in the gallery's details); `auto` goes without saying. */
const CHIP_OPTIONS = ['quality', 'size', 'background', 'output_format', 'style', 'n'];
const chipText = (option: string, value: unknown) => (option === 'n' ? `×${String(value)}` : option === 'quality' || option === 'style' ? `${option} ${String(value)}` : String(value));

/**
 * One run in the feed: its prompt, model and options, status and time, its images
 * sharpening into the final ones, its cost (estimated, then actual) and what can be done
 * with it: Cancel while it runs; Run again, Remix and the images' own actions after.
 */
export function RunCard({ id, compact = false }: { id: string; compact?: boolean }) {
  const view = useFeed((s) => s.views[id]);
  const recordRender = useFeed((s) => s.recordRender);
  const cancel = useFeed((s) => s.cancel);
  const start = useFeed((s) => s.start);
  const catalogue = useStudio((s) => s.catalogue);
  const restoreDraft = useStudio((s) => s.restoreDraft);
  const [boarding, setBoarding] = useState(false);
  const t = useTranslations('runs');
  const money = useMoney();
  if (!view) return null;
  const { run, slots } = view;
  const model = findModel(catalogue, run.model);
  const active = isActive(run.status);
  const failed = run.status === 'failed' || run.status === 'interrupted';
  const generation = run.endpoint === 'generations';
  const body = () => ({ model: run.model, prompt: run.prompt ?? '', ...run.options });
  const shownSlots = failed || run.status === 'cancelled' ? slots.filter((s) => s.partial || s.final) : slots;

  return (
    <article
      data-testid="run-card"
      data-run-id={run.id}
      data-status={run.status}
      className="flex flex-col gap-2 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <header className={`flex gap-2 ${compact ? 'flex-col' : 'flex-wrap items-start'}`}>
        <div className="min-w-0 flex-1">
          <p className={`text-sm font-medium ${compact ? 'line-clamp-2' : 'line-clamp-3'}`} title={run.prompt ?? undefined}>
            {run.prompt || t(run.endpoint === 'variations' ? 'variations' : 'edit')}
          </p>
          <p className="mt-1 flex flex-wrap gap-1 text-[11px]">
            <Chip strong>{model?.label ?? run.model}</Chip>
            {run.endpoint !== 'generations' && <Chip>{t(run.endpoint === 'edits' ? 'chipEdit' : 'chipVariation')}</Chip>}
            {CHIP_OPTIONS.filter((o) => run.options[o] !== undefined && run.options[o] !== 'auto' && !(o === 'n' && run.options[o] === 1)).map((o) => (
              <Chip key={o}>{chipText(o, run.options[o])}</Chip>
            ))}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {active && (
            <button type="button" onClick={() => void cancel(run.id)} data-testid="run-cancel" className="rounded-md border border-red-500 px-2 py-1 text-xs font-semibold text-red-600 dark:text-red-400 hover:bg-red-50 dark:hover:bg-red-950">
              {t('cancel')}
            </button>
          )}
          {!active && generation && (
            <>
              <button type="button" onClick={() => model && restoreDraft({ modelId: model.id, prompt: run.prompt ?? '', values: valuesForModel(model, run.options as FormState['values']), stream: run.options.stream !== false })} data-testid="run-remix" title={t('remixHint')} className="rounded-md px-2 py-1 text-xs font-semibold text-accent dark:text-accent-light hover:underline">
                {t('remix')}
              </button>
              {!failed && (
                <button type="button" onClick={() => void start(body())} data-testid="run-repeat" className="rounded-md px-2 py-1 text-xs font-semibold text-accent dark:text-accent-light hover:underline">
                  {t('again')}
                </button>
              )}
            </>
          )}
        </div>
      </header>
      <div className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-600 dark:text-zinc-300">
        <RunStatus progress={progressOf(run, slots)} className="flex items-center gap-x-2" />
        <span className="ml-auto" data-testid="run-cost">
          {run.cost_usd !== null && !active ? t('cost', { usd: money(run.cost_usd) }) : run.estimated_cost_usd !== null ? t('estimated', { usd: money(run.estimated_cost_usd) }) : ''}
        </span>
      </div>
      {run.error && (
        <RunError
          error={{ message: run.error.message, code: run.error.code, status: run.error.status, retryAfter: run.error.retry_after }}
          finishedAt={run.completed_at ? Date.parse(run.completed_at) : null}
          onRetry={generation ? () => void start(body()) : undefined}
        />
      )}
      {run.status === 'queued' ? (
        <div className="flex aspect-[4/1] items-center justify-center rounded-lg border-2 border-dashed border-zinc-300 text-xs text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
          {t('waiting')}
          {run.queue_position ? ` · ${t('inLine', { position: run.queue_position })}` : ''}
        </div>
      ) : (
        shownSlots.length > 0 && (
          <div className={`grid gap-2 ${compact ? '' : shownSlots.length > 1 ? 'sm:grid-cols-2' : 'max-w-xl'}`}>
            {shownSlots.map((slot, i) => (
              <ResultTile key={i} index={i} slot={slot} running={active} label={run.prompt ? t('imageOf', { prompt: run.prompt.slice(0, 120) }) : t('image')} onRender={(record) => recordRender(run.id, record)} />
            ))}
          </div>
        )
      )}
      {run.status === 'completed' && run.gallery_ids.length > 0 && (
        <div className="text-xs">
          {boarding ? (
            <AddToBoard imageIds={run.gallery_ids} />
          ) : (
            <button type="button" onClick={() => setBoarding(true)} className="font-semibold text-accent dark:text-accent-light hover:underline" data-testid="run-add-to-board">
              {t('addToBoard')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function Chip({ children, strong = false }: { children: React.ReactNode; strong?: boolean }) {
  return <span className={`rounded px-1.5 py-px ${strong ? 'bg-accent-soft font-semibold text-accent-strong dark:bg-accent/20 dark:text-white' : 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300'}`}>{children}</span>;
}

/** A run from the API, as the shared status line reads it. */
function progressOf(run: RunJson, slots: ResultSlot[]): RunProgress {
  return {
    phase: run.status,
    startedAt: run.started_at ? Date.parse(run.started_at) : null,
    endedAt: run.completed_at ? Date.parse(run.completed_at) : null,
    n: run.n,
    slots,
    queuePosition: run.queue_position,
  };
}
