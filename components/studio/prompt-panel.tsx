'use client';

import { useEffect, useRef } from 'react';
import { estimateCost } from '@/lib/models/cost';
import { CostLine } from './cost-line';
import { findModel } from '@/lib/models/registry';
import { useDraft, useStudio } from './studio-provider';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Prompt, cost estimate, Generate and Cancel; Ctrl/Cmd+Enter sends, Escape cancels. */
export function PromptPanel() {
  const prompt = useStudio((s) => s.prompt);
  const setPrompt = useStudio((s) => s.setPrompt);
  const status = useStudio((s) => s.status);
  const finishedAt = useStudio((s) => s.finishedAt);
  const generate = useStudio((s) => s.generate);
  const cancel = useStudio((s) => s.cancel);
  const catalogue = useStudio((s) => s.catalogue);
  const modelId = useStudio((s) => s.modelId);
  const { body, issues, valid } = useDraft();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const running = status === 'running';
  const model = findModel(catalogue, modelId)!;
  const maxLength = model.endpoints.generations?.promptMaxLength ?? 0;
  const promptMissing = prompt.trim().length === 0;
  const blocking = Object.entries(issues).filter(([param]) => !(param === 'prompt' && promptMissing));
  const canSend = valid && !running && catalogue.availability[modelId]?.available !== false;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && running) {
        e.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, cancel]);

  const cost = estimateCost(model, 'generations', body as Parameters<typeof estimateCost>[2]);

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) void generate();
      }}
    >
      <label htmlFor="prompt" className="text-sm font-semibold">
        Prompt
      </label>
      <textarea
        id="prompt"
        ref={textarea}
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (canSend) void generate();
          }
        }}
        rows={4}
        placeholder="A lighthouse on a cliff at dusk, painted in gouache"
        aria-invalid={Boolean(issues.prompt && !promptMissing)}
        aria-describedby="prompt-help"
        className="w-full resize-y rounded-lg border border-zinc-300 bg-white p-2 text-sm shadow-inner focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div id="prompt-help" className="flex justify-between text-[11px] text-zinc-500 dark:text-zinc-400">
        <span>{isMac() ? '⌘' : 'Ctrl'}+Enter to generate · Esc to cancel</span>
        <span className={prompt.length > maxLength ? 'font-semibold text-red-600' : ''}>
          {prompt.length.toLocaleString()} / {maxLength.toLocaleString()}
        </span>
      </div>
      {issues.prompt && !promptMissing && (
        <p role="alert" data-testid="error-prompt" className="text-xs text-red-600 dark:text-red-400">
          {issues.prompt}
        </p>
      )}
      <div className="flex items-center justify-between gap-2 pt-1">
        <CostLine cost={cost} refreshKey={finishedAt} />
        {running ? (
          // Distinct keys: reusing one DOM button for both made Chromium submit the form on Cancel.
          <button key="cancel" type="button" onClick={() => cancel()} className="rounded-lg border border-red-500 px-4 py-2 text-sm font-semibold text-red-600 hover:bg-red-50 dark:hover:bg-red-950">
            Cancel
          </button>
        ) : (
          <button
            key="generate"
            type="submit"
            disabled={!canSend}
            title={blocking.length ? `Fix first: ${blocking.map(([, m]) => m).join(' ')}` : promptMissing ? 'Write a prompt first.' : undefined}
            className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-white shadow hover:bg-accent-strong disabled:cursor-not-allowed disabled:opacity-40"
          >
            Generate
          </button>
        )}
      </div>
      {blocking.length > 0 && (
        <p className="text-xs text-red-600 dark:text-red-400" data-testid="blocking-issues">
          Cannot send yet: fix {blocking.map(([param]) => (param === '_' ? 'the request' : param.replaceAll('_', ' '))).join(', ')} (see above).
        </p>
      )}
    </form>
  );
}
