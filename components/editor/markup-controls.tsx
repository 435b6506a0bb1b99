'use client';

import { useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import { MARK_COLORS } from '@/lib/markup/marks';
import { useRovingRadios } from '../use-roving-radios';
import { useEditor } from './editor-provider';

/** The editor's markup controls: the layer switch, the colours, and why markup cannot be sent as it is. */

/** Mask or Markup: which layer the canvas draws on (M switches). */
export function LayerSwitch() {
  const { layer, setLayer } = useEditor(useShallow((e) => ({ layer: e.layer, setLayer: e.setLayer })));
  const t = useTranslations('editor');
  const roving = useRovingRadios();
  return (
    <div role="radiogroup" aria-label={t('layer')} className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700" {...roving}>
      {(['mask', 'markup'] as const).map((id) => (
        <button
          key={id}
          type="button"
          role="radio"
          aria-checked={layer === id}
          title={t(`layerHint.${id}`)}
          onClick={() => setLayer(id)}
          className={`rounded px-2 py-0.5 text-xs font-semibold ${layer === id ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 dark:text-zinc-300'}`}
        >
          {t(`layers.${id}`)}
        </button>
      ))}
    </div>
  );
}

/** The markup's colours, as swatches with their names (a radio group: one Tab stop, arrows choose). */
export function ColorPicker() {
  const { markColor, setMarkColor } = useEditor(useShallow((e) => ({ markColor: e.markColor, setMarkColor: e.setMarkColor })));
  const t = useTranslations('editor');
  const roving = useRovingRadios();
  return (
    <div role="radiogroup" aria-label={t('color')} className="flex items-center gap-1" {...roving}>
      {MARK_COLORS.map(([name, hex]) => (
        <button
          key={name}
          type="button"
          role="radio"
          aria-checked={markColor === hex}
          aria-label={t(`colors.${name}`)}
          title={t(`colors.${name}`)}
          onClick={() => setMarkColor(hex)}
          style={{ backgroundColor: hex }}
          className={`h-5 w-5 rounded-full border border-zinc-400 ${markColor === hex ? 'ring-2 ring-accent ring-offset-1 ring-offset-white dark:ring-offset-zinc-950' : ''}`}
        />
      ))}
    </div>
  );
}

/** Why the markup cannot be sent as it is (the server refuses the same, naming `markup`), or null. */
export function useMarkupProblem(): 'model' | 'mask' | null {
  const { catalogue, modelId, marks, masked } = useEditor(
    useShallow((x) => ({ catalogue: x.catalogue, modelId: x.modelId, marks: x.markup.length, masked: x.mask.shapes.length > 0 || x.mask.inverted })),
  );
  if (marks === 0) return null;
  if (!catalogue.models.find((m) => m.id === modelId)?.endpoints.edits?.inputs?.markup) return 'model';
  return masked ? 'mask' : null;
}

export function MarkupNotice() {
  const problem = useMarkupProblem();
  const { catalogue, modelId, clearLayer } = useEditor(useShallow((x) => ({ catalogue: x.catalogue, modelId: x.modelId, clearLayer: x.clearLayer })));
  const t = useTranslations('editor');
  if (!problem) return null;
  const label = catalogue.models.find((m) => m.id === modelId)?.label ?? modelId;
  const action = 'rounded-md border border-amber-600 px-2 py-0.5 text-xs font-semibold';
  return (
    <div role="alert" data-testid="markup-notice" className="space-y-1 rounded-lg border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p>{problem === 'model' ? t('markupModel', { model: label }) : t('markupAndMask')}</p>
      <div className="flex gap-2">
        {problem === 'mask' && (
          <button type="button" className={action} onClick={() => clearLayer('mask')}>
            {t('clearMask')}
          </button>
        )}
        <button type="button" className={action} onClick={() => clearLayer('markup')}>
          {t('clearMarkup')}
        </button>
      </div>
    </div>
  );
}
