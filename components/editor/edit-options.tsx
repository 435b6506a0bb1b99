'use client';

import { paramsLeftOutFor } from '@/lib/models/format-rules';
import { useTranslations } from 'next-intl';
import { labelOf, valueOf } from '../studio/option-controls';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EDIT_PARAMS, issuesByParam, validateImageRequest } from '@/lib/images/schema';
import { useIssueText } from '../use-error-text';
import { useEditor } from './editor-provider';
import { editFields } from './editor-store';

/** The edit options the chosen model has, from the catalogue, checked as the server checks them. */
const ORDER = ['n', 'size', 'quality', 'complexity', 'background', 'output_format', 'frame_count', 'frame_duration_ms', 'output_compression', 'input_fidelity'];

export function useEditIssues(): Record<string, string> {
  const { catalogue, modelId, prompt, options } = useEditor(useShallow((e) => ({ catalogue: e.catalogue, modelId: e.modelId, prompt: e.prompt, options: e.options })));
  const say = useIssueText();
  return useMemo(() => {
    const result = validateImageRequest(catalogue, 'edits', editFields({ modelId, prompt: prompt || '-', options }, catalogue.models.find((m) => m.id === modelId)?.endpoints.edits), EDIT_PARAMS);
    return result.ok ? {} : issuesByParam(result.issues, say);
  }, [catalogue, modelId, prompt, options, say]);
}

export function EditOptions() {
  const t = useTranslations('editor');
  const tOptions = useTranslations('studio.options');
  const { catalogue, modelId, options, setOption } = useEditor(useShallow((e) => ({ catalogue: e.catalogue, modelId: e.modelId, options: e.options, setOption: e.setOption })));
  const issues = useEditIssues();
  const spec = catalogue.models.find((m) => m.id === modelId)?.endpoints.edits;
  if (!spec) return null;
  // A format's own options only with it (a GIF's frames), and none it refuses.
  const leftOut = paramsLeftOutFor(spec, options.output_format as string | undefined);
  const params = ORDER.filter((p) => p === 'size' || (spec.options[p] && !leftOut.has(p)));
  const field = 'w-full rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900';
  return (
    <fieldset className="grid grid-cols-2 gap-x-3 gap-y-2" aria-label={t('options')}>
      {params.map((param) => {
        const option = spec.options[param];
        const value = options[param];
        const id = `edit-${param}`;
        let control: React.ReactNode = null;
        if (param === 'size') {
          const sizes = [...(spec.sizes.allowAuto ? ['auto'] : []), ...spec.sizes.presets];
          control = (
            <select id={id} value={String(value ?? spec.sizes.default)} onChange={(e) => setOption('size', e.target.value)} className={field}>
              {sizes.map((s) => <option key={s} value={s}>{s === 'auto' ? t('autoShape') : s}</option>)}
            </select>
          );
        } else if (option?.kind === 'enum') {
          control = (
            <select id={id} value={String(value ?? option.default ?? '')} onChange={(e) => setOption(param, e.target.value)} className={field}>
              {option.values.map((v) => <option key={v} value={v}>{option.preview?.includes(v) ? t('previewValue', { value: valueOf(tOptions, v) }) : valueOf(tOptions, v)}</option>)}
            </select>
          );
        } else if (option?.kind === 'int') {
          if (param === 'output_compression' && (options.output_format ?? 'png') === 'png') return null;
          control = <input id={id} type="number" min={option.min} max={option.max} value={typeof value === 'number' ? value : ''} onChange={(e) => setOption(param, e.target.value === '' ? undefined : Number(e.target.value))} className={field} />;
        }
        return (
          <div key={param}>
            <label htmlFor={id} className="text-xs font-semibold">{labelOf(tOptions, param)}</label>
            {control}
            {issues[param] && <p role="alert" className="mt-0.5 text-[11px] text-red-600 dark:text-red-400" data-testid={`edit-error-${param}`}>{issues[param]}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}
