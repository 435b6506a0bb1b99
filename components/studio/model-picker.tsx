'use client';

import { useTranslations } from 'next-intl';
import { useStudio } from './studio-provider';
import { useRovingRadios } from '../use-roving-radios';

/** Models as cards: what each is for, what it can do, and whether it is usable here. */
export function ModelPicker() {
  const t = useTranslations('studio.model');
  const tModels = useTranslations('models');
  // A model's description in the person's language; a model added by an override keeps its own text.
  const describe = (id: string, fallback?: string) => {
    const key = id.replaceAll('.', '_');
    return tModels.has(key as never) ? tModels(key as never) : fallback;
  };
  const catalogue = useStudio((s) => s.catalogue);
  // Why a retired model is (or is not) usable here, in the person's language.
  const reason = (id: string) => {
    const retired = catalogue.availability[id]?.retired;
    if (!retired) return null;
    return retired.upstream === 'openai' ? t('retiredRefused', { date: retired.date }) : t('retiredServed', { date: retired.date, upstream: retired.upstream });
  };
  const modelId = useStudio((s) => s.modelId);
  const setModel = useStudio((s) => s.setModel);
  const models = catalogue.models.filter((m) => m.endpoints.generations);
  const roving = useRovingRadios();
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">{t('legend')}</legend>
      <div role="radiogroup" aria-label={t('legend')} className="grid grid-cols-2 gap-2" {...roving}>
        {models.map((m) => {
          const spec = m.endpoints.generations!;
          const usable = catalogue.availability[m.id];
          const selected = m.id === modelId;
          return (
            <button
              key={m.id}
              type="button"
              role="radio"
              aria-checked={selected}
              aria-disabled={!usable?.available}
              disabled={!usable?.available}
              title={reason(m.id) ?? describe(m.id, m.description)}
              data-model={m.id}
              onClick={() => setModel(m.id)}
              className={`rounded-lg border p-2 text-left text-xs transition focus:outline-none focus-visible:ring-2 focus-visible:ring-accent disabled:cursor-not-allowed disabled:opacity-50 ${
                selected
                  ? 'border-accent bg-accent-soft dark:bg-accent/20'
                  : 'border-zinc-200 hover:border-zinc-400 dark:border-zinc-700 dark:hover:border-zinc-500'
              }`}
            >
              <span className="block font-semibold">{m.label}</span>
              <span className="block font-mono text-[10px] text-zinc-600 dark:text-zinc-400">{m.id}</span>
              <span className="mt-1 flex flex-wrap gap-1">
                {spec.options.stream && <Tag>{t('streams')}</Tag>}
                {spec.sizes.custom && <Tag>{t('anySize')}</Tag>}
                {spec.options.background?.kind === 'enum' && spec.options.background.values.includes('transparent') && <Tag>{t('transparent')}</Tag>}
                {m.retired && <Tag tone="amber">{t('retired', { date: m.retired.date.slice(0, 7) })}</Tag>}
              </span>
            </button>
          );
        })}
      </div>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="model-description">
        {describe(modelId, catalogue.models.find((m) => m.id === modelId)?.description)}{' '}
        {reason(modelId)}
      </p>
    </fieldset>
  );
}

function Tag({ children, tone = 'zinc' }: { children: React.ReactNode; tone?: 'zinc' | 'amber' }) {
  const colours = tone === 'amber' ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100' : 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300';
  return <span className={`rounded px-1 py-px text-[10px] ${colours}`}>{children}</span>;
}
