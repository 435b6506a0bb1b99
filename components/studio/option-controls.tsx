'use client';

import { paramsLeftOutFor } from '@/lib/models/format-rules';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { describeModels, modelsFor } from '@/lib/models/registry';
import { isExperimentalSize, parseSize } from '@/lib/models/sizes';
import type { EnumOptionSpec, IntOptionSpec, SizeRule } from '@/lib/models/types';
import { DEFAULT_PARTIAL_IMAGES, type OptionValue } from './form';
import { useDraft, useStudio } from './studio-provider';
import { useRovingRadios } from '../use-roving-radios';

/**
 * Option controls generated from the catalogue: every generation option any model
 * has. The chosen model's options are live; the others are shown disabled, saying
 * which models have them. Problems found by the shared schema appear beside the control.
 */
type Translate = ReturnType<typeof useTranslations<'studio.options'>>;

/** A parameter's label ("Quality") or, mid-sentence, its name ("quality"); the wire name if none. */
export const labelOf = (t: Translate, param: string, key: 'labels' | 'settings' = 'labels') => (t.has(`${key}.${param}` as never) ? t(`${key}.${param}` as never) : param);
/** An option value as people read it; the wire value when it has no translation. */
export const valueOf = (t: Translate, value: string) => (t.has(`values.${value}` as never) ? t(`values.${value}` as never) : value);

const ORDER = ['n', 'size', 'quality', 'complexity', 'style', 'background', 'output_format', 'frame_count', 'frame_duration_ms', 'output_compression', 'moderation'];

export function OptionControls() {
  const t = useTranslations('studio.options');
  const catalogue = useStudio((s) => s.catalogue);
  const modelId = useStudio((s) => s.modelId);
  const values = useStudio((s) => s.values);
  const setOption = useStudio((s) => s.setOption);
  const { issues } = useDraft();
  const model = catalogue.models.find((m) => m.id === modelId)!;
  const spec = model.endpoints.generations!;
  const generators = modelsFor(catalogue, 'generations');
  const known = new Set(generators.flatMap((m) => Object.keys(m.endpoints.generations!.options)));
  const params = ORDER.filter((p) => p === 'size' || known.has(p));

  return (
    <div className="space-y-3">
      {params.map((param) => {
        const option = spec.options[param];
        const error = issues[param];
        if (param === 'size') return <SizeControl key={param} rule={spec.sizes} value={values.size as string | undefined} onChange={(v) => setOption('size', v)} error={error} />;
        if (!option) {
          const owners = describeModels(catalogue, 'generations', generators.filter((m) => m.endpoints.generations!.options[param]));
          return (
            <Row key={param} label={labelOf(t, param)} param={param} disabledReason={t('noSetting', { model: model.label, setting: labelOf(t, param, 'settings'), owners: owners.names, count: owners.verb === 'does' ? 1 : 2 })} />
          );
        }
        // A format's own options (a GIF's frames) and what it refuses (compression), with the reason.
        const format = (values.output_format as string | undefined) ?? 'png';
        if (paramsLeftOutFor(spec, format).has(param)) {
          const owner = Object.entries(spec.outputFormats).find(([, rule]) => rule.owns.includes(param))?.[0];
          return <Row key={param} label={labelOf(t, param)} param={param} disabledReason={owner ? t('formatOnly', { format: owner.toUpperCase() }) : t('notWithFormat', { format: format.toUpperCase() })} />;
        }
        if (param === 'output_compression') {
          const lossless = format === 'png';
          return (
            <Row key={param} label={labelOf(t, param)} param={param} error={error} disabledReason={lossless ? t('lossless') : undefined}>
              {!lossless && <RangeControl param={param} spec={option as IntOptionSpec} value={values[param] as number | undefined} onChange={(v) => setOption(param, v)} />}
            </Row>
          );
        }
        return (
          <Row key={param} label={labelOf(t, param)} param={param} error={error}>
            {option.kind === 'enum' ? (
              <Segmented param={param} spec={option} value={values[param]} onChange={(v) => setOption(param, v)} disabledValues={param === 'background' && values.output_format === 'jpeg' ? { transparent: t('jpegNoAlpha') } : {}} />
            ) : option.kind === 'int' ? (
              <NumberControl param={param} spec={option} value={values[param] as number | undefined} onChange={(v) => setOption(param, v)} />
            ) : null}
          </Row>
        );
      })}
      <StreamControl />
    </div>
  );
}

function Row({ label, param, error, disabledReason, children }: { label: string; param: string; error?: string; disabledReason?: string; children?: React.ReactNode }) {
  const id = useId();
  return (
    <div data-param={param} role="group" aria-labelledby={id} aria-disabled={disabledReason && !children ? true : undefined}>
      <div className="flex items-baseline justify-between gap-2">
        <span id={id} className={`shrink-0 text-xs font-semibold ${disabledReason && !children ? 'text-zinc-400 dark:text-zinc-500' : ''}`}>
          {label}
        </span>
        {disabledReason && <span className="text-right text-[11px] text-zinc-500 dark:text-zinc-400" data-testid={`reason-${param}`}>{disabledReason}</span>}
      </div>
      {children && <div className="mt-1">{children}</div>}
      {error && (
        <p role="alert" data-testid={`error-${param}`} className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

function Segmented({ param, spec, value, onChange, disabledValues }: { param: string; spec: EnumOptionSpec; value: OptionValue | undefined; onChange: (v: string) => void; disabledValues: Record<string, string> }) {
  const t = useTranslations('studio.options');
  const roving = useRovingRadios();
  return (
    <div role="radiogroup" aria-label={labelOf(t, param)} className="flex flex-wrap gap-1" {...roving}>
      {spec.values.map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          data-value={v}
          title={disabledValues[v] ?? (spec.preview?.includes(v) ? t('previewHint') : undefined)}
          onClick={() => onChange(v)}
          className={`rounded-md border px-2 py-1 text-xs ${value === v ? 'border-accent bg-accent text-white' : 'border-zinc-300 hover:border-zinc-500 dark:border-zinc-700'} ${disabledValues[v] ? 'line-through opacity-60' : ''}`}
        >
          {valueOf(t, v)}
          {spec.preview?.includes(v) && <span className="ml-1 rounded bg-amber-200 px-1 text-[10px] font-semibold uppercase text-amber-900" data-testid={`preview-${param}-${v}`}>{t('preview')}</span>}
        </button>
      ))}
    </div>
  );
}

function NumberControl({ param, spec, value, onChange }: { param: string; spec: IntOptionSpec; value: number | undefined; onChange: (v: number | undefined) => void }) {
  const t = useTranslations('studio.options');
  if (spec.min === spec.max) return <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('always', { value: spec.min })}</p>;
  return (
    <input
      type="number"
      aria-label={labelOf(t, param)}
      name={param}
      min={spec.min}
      max={spec.max}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      className="w-24 rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700"
    />
  );
}

function RangeControl({ param, spec, value, onChange }: { param: string; spec: IntOptionSpec; value: number | undefined; onChange: (v: number) => void }) {
  const t = useTranslations('studio.options');
  return (
    <div className="flex items-center gap-2">
      <input type="range" aria-label={labelOf(t, param)} min={spec.min} max={spec.max} value={value ?? spec.default ?? spec.max} onChange={(e) => onChange(Number(e.target.value))} className="flex-1 accent-accent" />
      <span className="w-10 text-right text-xs tabular-nums">{value ?? spec.default ?? spec.max}%</span>
    </div>
  );
}

/** Size as pictures of the shape: people judge aspect ratios by eye. */
function SizeControl({ rule, value, onChange, error }: { rule: SizeRule; value: string | undefined; onChange: (v: string) => void; error?: string }) {
  const choices = [...rule.presets, ...(rule.allowAuto ? ['auto'] : [])];
  const custom = value !== undefined && !choices.includes(value);
  const dims = parseSize(value ?? '') ?? { width: 1024, height: 1024 };
  const t = useTranslations('studio.options');
  const roving = useRovingRadios();
  return (
    <Row label={t('labels.size')} param="size" error={error}>
      <div role="radiogroup" aria-label={t('labels.size')} className="flex flex-wrap items-end gap-1.5" {...roving}>
        {choices.map((size) => {
          const d = parseSize(size);
          const scale = d ? 28 / Math.max(d.width, d.height) : 0;
          return (
            <button key={size} type="button" role="radio" aria-checked={value === size} data-value={size} onClick={() => onChange(size)} className={`flex flex-col items-center gap-1 rounded-md border px-2 py-1 text-[10px] ${value === size ? 'border-accent bg-accent-soft dark:bg-accent/20' : 'border-zinc-300 dark:border-zinc-700'}`}>
              <span aria-hidden className="flex h-7 w-7 items-center justify-center">
                {d ? <span className="block rounded-sm border-2 border-current" style={{ width: d.width * scale, height: d.height * scale }} /> : <span className="text-xs">A</span>}
              </span>
              {size === 'auto' ? valueOf(t, size) : size}
            </button>
          );
        })}
        {rule.custom && (
          <button type="button" role="radio" aria-checked={custom} data-value="custom" onClick={() => onChange(custom ? value! : '1536x864')} className={`rounded-md border px-2 py-1 text-[10px] ${custom ? 'border-accent bg-accent-soft dark:bg-accent/20' : 'border-zinc-300 dark:border-zinc-700'}`}>
            {t('custom')}
          </button>
        )}
      </div>
      {custom && rule.custom && (
        <div className="mt-2 flex items-center gap-1 text-xs">
          <input aria-label={t('width')} type="number" step={rule.custom.multipleOf} value={dims.width} onChange={(e) => onChange(`${e.target.value}x${dims.height}`)} className="w-20 rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700" />
          ×
          <input aria-label={t('height')} type="number" step={rule.custom.multipleOf} value={dims.height} onChange={(e) => onChange(`${dims.width}x${e.target.value}`)} className="w-20 rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700" />
          <span className="text-zinc-500 dark:text-zinc-400">{t('steps', { step: rule.custom.multipleOf, max: rule.custom.maxEdge })}</span>
        </div>
      )}
      {value && isExperimentalSize(rule, value) && <p className="mt-1 text-[11px] text-amber-700 dark:text-amber-300">{t('experimental')}</p>}
    </Row>
  );
}

function StreamControl() {
  const catalogue = useStudio((s) => s.catalogue);
  const modelId = useStudio((s) => s.modelId);
  const stream = useStudio((s) => s.stream);
  const partials = useStudio((s) => s.values.partial_images);
  const values = useStudio((s) => s.values);
  const setStream = useStudio((s) => s.setStream);
  const setOption = useStudio((s) => s.setOption);
  const spec = catalogue.models.find((m) => m.id === modelId)!.endpoints.generations!;
  const t = useTranslations('studio.options');
  const roving = useRovingRadios();
  if (!spec.options.stream) {
    return <Row label={t('labels.stream')} param="stream" disabledReason={t('noStream')} />;
  }
  const format = (values.output_format as string | undefined) ?? 'png';
  if (paramsLeftOutFor(spec, format).has('stream')) return <Row label={t('labels.stream')} param="stream" disabledReason={t('notStreamed', { format: format.toUpperCase() })} />;
  const partialSpec = spec.options.partial_images as IntOptionSpec | undefined;
  return (
    <Row label={t('labels.stream')} param="stream">
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" checked={stream} onChange={(e) => setStream(e.target.checked)} className="accent-accent" />
        {t('showPartials')}
      </label>
      {stream && partialSpec && (
        <div className="mt-1 flex items-center gap-2 text-xs">
          <span>{t('labels.partial_images')}</span>
          <div role="radiogroup" aria-label={t('labels.partial_images')} className="flex gap-1" {...roving}>
            {Array.from({ length: partialSpec.max - partialSpec.min + 1 }, (_, i) => partialSpec.min + i).map((k) => (
              <button key={k} type="button" role="radio" aria-checked={(partials ?? DEFAULT_PARTIAL_IMAGES) === k} onClick={() => setOption('partial_images', k)} className={`h-6 w-6 rounded-md border ${(partials ?? DEFAULT_PARTIAL_IMAGES) === k ? 'border-accent bg-accent text-white' : 'border-zinc-300 dark:border-zinc-700'}`}>
                {k}
              </button>
            ))}
          </div>
        </div>
      )}
    </Row>
  );
}

