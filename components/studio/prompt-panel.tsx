'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useRef } from 'react';
import { validateImageRequest } from '@/lib/images/schema';
import { estimateCost, type CostEstimate } from '@/lib/models/cost';
import { findModel } from '@/lib/models/registry';
import { isActive } from '@/lib/client/runs';
import { useFeed } from '../runs/feed-context';
import { CostLine } from './cost-line';
import { batchPrompts, compareChoices, MAX_BATCH, MAX_COMPARE, type CompareBy } from './form';
import type { ComposeMode } from './store';
import { useDraft, useStudio } from './studio-provider';
import { useRovingRadios } from '../use-roving-radios';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const MODES: ComposeMode[] = ['single', 'compare', 'batch'];

/** Adds estimates; unknown (null) if any part is. */
function total(costs: Array<CostEstimate | null>): CostEstimate | null {
  if (costs.length === 0 || costs.some((c) => c === null)) return null;
  const known = costs as CostEstimate[];
  return { ...known[0]!, usd: known.reduce((sum, c) => sum + c.usd, 0), notes: [{ key: 'runs', count: known.length }, ...known[0]!.notes] };
}

/**
 * The composer's prompt, how it is sent (one run, a compare, a batch), the whole cost
 * estimate, and Generate. Runs go on in the feed, so another can be started at once;
 * Ctrl/Cmd+Enter sends, Escape cancels the newest run started here.
 */
export function PromptPanel() {
  const t = useTranslations('studio');
  const format = useFormatter();
  const prompt = useStudio((s) => s.prompt);
  const setPrompt = useStudio((s) => s.setPrompt);
  const generate = useStudio((s) => s.generate);
  const catalogue = useStudio((s) => s.catalogue);
  const modelId = useStudio((s) => s.modelId);
  const mode = useStudio((s) => s.mode);
  const setMode = useStudio((s) => s.setMode);
  const batchText = useStudio((s) => s.batchText);
  const setBatchText = useStudio((s) => s.setBatchText);
  const compareChosen = useStudio((s) => s.compareChosen);
  const request = useStudio((s) => s.request);
  const ended = useFeed((s) => s.order.filter((id) => !isActive(s.views[id]?.run.status ?? '')).length);
  const { body, issues, valid } = useDraft();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const model = findModel(catalogue, modelId)!;
  const maxLength = model.endpoints.generations?.promptMaxLength ?? 0;
  const promptMissing = prompt.trim().length === 0;
  const prompts = batchPrompts(batchText);

  // Every request the composer would send, each checked and estimated as the server will.
  const planned = useMemo(() => {
    const sent = request();
    const batch = sent.batch as (Record<string, unknown> & { prompts: string[] }) | undefined;
    const bodies: Array<Record<string, unknown>> =
      (sent.compare as Array<Record<string, unknown>> | undefined) ??
      (batch ? batch.prompts.map((p) => ({ ...Object.fromEntries(Object.entries(batch).filter(([k]) => k !== 'prompts')), prompt: p })) : [sent]);
    return bodies.map((b) => {
      const m = findModel(catalogue, String(b.model));
      return { body: b, ok: validateImageRequest(catalogue, 'generations', b).ok, cost: m ? estimateCost(m, 'generations', b as Parameters<typeof estimateCost>[2]) : null };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- request() reads the same state listed here
  }, [request, catalogue, body, mode, compareChosen, batchText]);

  const blocking = Object.entries(issues).filter(([param]) => !(param === 'prompt' && (promptMissing || mode === 'batch')));
  const enough = mode === 'single' ? valid : mode === 'compare' ? compareChosen.length >= 2 && planned.every((p) => p.ok) : prompts.length > 0 && prompts.length <= MAX_BATCH && planned.every((p) => p.ok);
  const canSend = enough && blocking.length === 0 && catalogue.availability[modelId]?.available !== false;
  const cost = mode === 'single' ? estimateCost(model, 'generations', body as Parameters<typeof estimateCost>[2]) : total(planned.map((p) => p.cost));
  const send = () => {
    if (canSend) void generate();
  };
  const sendOnCtrlEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  };
  const modes = useRovingRadios();
  const label = mode === 'compare' ? t('send.compare', { count: compareChosen.length }) : mode === 'batch' ? t('send.batch', { count: prompts.length }) : t('send.generate');

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div role="radiogroup" aria-label={t('modes.label')} className="grid grid-cols-3 gap-1 rounded-lg bg-zinc-100 p-1 text-xs font-semibold dark:bg-zinc-800" {...modes}>
        {MODES.map((value) => (
          <button key={value} type="button" role="radio" aria-checked={mode === value} title={t(`modes.${value}Help`, { max: value === 'batch' ? MAX_BATCH : MAX_COMPARE })} onClick={() => setMode(value)} className={`rounded-md px-2 py-1.5 ${mode === value ? 'bg-white shadow dark:bg-zinc-950' : 'text-zinc-600 dark:text-zinc-300'}`}>
            {t(`modes.${value}`)}
          </button>
        ))}
      </div>
      {mode === 'batch' ? (
        <>
          <label htmlFor="batch-prompts" className="text-sm font-semibold">
            {t('batchLabel')}
          </label>
          <textarea
            id="batch-prompts"
            value={batchText}
            onChange={(e) => setBatchText(e.target.value)}
            onKeyDown={sendOnCtrlEnter}
            rows={6}
            placeholder={t('batchPlaceholder')}
            className="w-full resize-y rounded-lg border border-zinc-300 bg-white p-2 font-mono text-xs shadow-inner focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <p className={`text-[11px] ${prompts.length > MAX_BATCH ? 'font-semibold text-red-600 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`} data-testid="batch-count">
            {t('batchCount', { count: prompts.length, max: MAX_BATCH })}
          </p>
        </>
      ) : (
        <>
          <label htmlFor="prompt" className="text-sm font-semibold">
            {t('promptLabel')}
          </label>
          <textarea
            id="prompt"
            ref={textarea}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            onKeyDown={sendOnCtrlEnter}
            rows={4}
            placeholder={t('promptPlaceholder')}
            aria-invalid={Boolean(issues.prompt && !promptMissing)}
            aria-describedby="prompt-help"
            className="w-full resize-y rounded-lg border border-zinc-300 bg-white p-2 text-sm shadow-inner focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <div id="prompt-help" className="flex justify-between text-[11px] text-zinc-500 dark:text-zinc-400">
            <span>{t('shortcuts', { key: isMac() ? '⌘' : 'Ctrl' })}</span>
            <span className={prompt.length > maxLength ? 'font-semibold text-red-600 dark:text-red-400' : ''}>
              {format.number(prompt.length)} / {format.number(maxLength)}
            </span>
          </div>
          {issues.prompt && !promptMissing && (
            <p role="alert" data-testid="error-prompt" className="text-xs text-red-600 dark:text-red-400">
              {issues.prompt}
            </p>
          )}
        </>
      )}
      {mode === 'compare' && <CompareControls />}
      <div className="flex items-center justify-between gap-2 pt-1">
        <CostLine cost={cost} refreshKey={ended} />
        <button
          type="submit"
          disabled={!canSend}
          title={blocking.length ? t('fixFirst', { issues: blocking.map(([, m]) => m).join(' ') }) : promptMissing && mode !== 'batch' ? t('writePromptFirst') : undefined}
          className="shrink-0 rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white shadow hover:bg-accent-strong disabled:cursor-not-allowed disabled:opacity-40"
        >
          {label}
        </button>
      </div>
      {blocking.length > 0 && (
        <p className="text-xs text-red-600 dark:text-red-400" data-testid="blocking-issues">
          {t('cannotSend', { params: blocking.map(([param]) => (param === '_' ? t('theRequest') : param.replaceAll('_', ' '))).join(', ') })}
        </p>
      )}
    </form>
  );
}

const BY: CompareBy[] = ['model', 'quality', 'size'];

/** What a compare varies, and which (two to four). */
function CompareControls() {
  const t = useTranslations('studio.compare');
  const catalogue = useStudio((s) => s.catalogue);
  const by = useStudio((s) => s.compareBy);
  const setBy = useStudio((s) => s.setCompareBy);
  const chosen = useStudio((s) => s.compareChosen);
  const toggle = useStudio((s) => s.toggleCompare);
  const modelId = useStudio((s) => s.modelId);
  const values = useStudio((s) => s.values);
  const prompt = useStudio((s) => s.prompt);
  const stream = useStudio((s) => s.stream);
  const choices = compareChoices(catalogue, { modelId, values, prompt, stream }, by);
  const name = (choice: string) => (by === 'model' ? (findModel(catalogue, choice)?.label ?? choice) : choice);
  const roving = useRovingRadios();
  return (
    <fieldset className="rounded-lg border border-zinc-200 p-2 dark:border-zinc-700" data-testid="compare-controls">
      <legend className="px-1 text-xs font-semibold">{t('legend')}</legend>
      <div role="radiogroup" aria-label={t('by')} className="mb-2 flex gap-1 text-xs" {...roving}>
        {BY.map((value) => (
          <button key={value} type="button" role="radio" aria-checked={by === value} onClick={() => setBy(value)} className={`rounded-md border px-2 py-1 ${by === value ? 'border-accent bg-accent-soft font-semibold dark:bg-accent/20' : 'border-zinc-200 dark:border-zinc-700'}`}>
            {t(value)}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap gap-1.5 text-xs">
        {choices.map((choice) => {
          const on = chosen.includes(choice);
          const full = !on && chosen.length >= MAX_COMPARE;
          const usable = by !== 'model' || catalogue.availability[choice]?.available !== false;
          return (
            <label key={choice} className={`flex items-center gap-1 rounded-md border px-2 py-1 ${on ? 'border-accent' : 'border-zinc-200 dark:border-zinc-700'} ${full || !usable ? 'opacity-50' : ''}`}>
              <input type="checkbox" checked={on} disabled={full || !usable} onChange={() => toggle(choice)} aria-label={t('choose', { name: name(choice) })} />
              {name(choice)}
            </label>
          );
        })}
      </div>
      <p className="mt-1 text-[11px] text-zinc-500 dark:text-zinc-400">
        {t('chosen', { count: chosen.length, max: MAX_COMPARE })}
        {by !== 'model' ? t('ofModel', { model: findModel(catalogue, modelId)?.label ?? modelId }) : ''}
      </p>
    </fieldset>
  );
}
