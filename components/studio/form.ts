import { paramsLeftOutFor } from '@/lib/models/format-rules';
import { findModel } from '@/lib/models/registry';
import type { Catalogue, Endpoint, ModelSpec, OptionSpec } from '@/lib/models/types';
import { GROUP_LIMITS } from '@/lib/runs/settings';

/**
 * Form state of the studio and how it becomes an Images API request. Pure, so the
 * rules (which options are sent for which model) are unit-tested without a browser.
 */
export type OptionValue = string | number | boolean;
export type FormState = {
  modelId: string;
  prompt: string;
  /** Option values by wire parameter name; absent means the model's default. */
  values: Record<string, OptionValue | undefined>;
  /** Stream partial images when the model can. */
  stream: boolean;
};

/** Wire options the studio sets itself instead of showing a control for. */
export const TRANSPORT_PARAMS = new Set(['response_format', 'user', 'safety_identifier', 'stream']);

/** Partial images asked for by default: enough to watch the picture sharpen. */
export const DEFAULT_PARTIAL_IMAGES = 2;

function valueFits(spec: OptionSpec, value: OptionValue | undefined): boolean {
  if (value === undefined) return false;
  switch (spec.kind) {
    case 'enum': return typeof value === 'string' && spec.values.includes(value);
    case 'int': return typeof value === 'number' && value >= spec.min && value <= spec.max;
    case 'bool': return typeof value === 'boolean';
    case 'text': return typeof value === 'string';
    // An object the studio's form never sets (the SDK's `svg`): nothing to keep.
    case 'svgAuthor': return false;
  }
}

/** Values for a newly chosen model: keep what still fits, else the model's default. */
export function valuesForModel(model: ModelSpec, previous: FormState['values'], endpoint: Endpoint = 'generations'): FormState['values'] {
  const spec = model.endpoints[endpoint];
  if (!spec) return {};
  const values: FormState['values'] = {};
  for (const [param, option] of Object.entries(spec.options)) {
    if (TRANSPORT_PARAMS.has(param)) continue;
    const before = previous[param];
    if (valueFits(option, before)) values[param] = before;
    else if (param === 'partial_images') values[param] = DEFAULT_PARTIAL_IMAGES;
    else if ('default' in option && option.default !== undefined) values[param] = option.default;
  }
  const size = previous.size;
  values.size = typeof size === 'string' && (spec.sizes.presets.includes(size) || (size === 'auto' && spec.sizes.allowAuto) || spec.sizes.custom) ? size : spec.sizes.default;
  return values;
}

/** What a remix starts from: a gallery image's model, prompt and options. */
export type FormSeed = { model?: string; prompt?: string; options?: Record<string, unknown> };

export function initialForm(catalogue: Catalogue, seed?: FormSeed): FormState {
  // The edit default is the catalogue's flagship GPT image model; start there.
  const model =
    (seed?.model && findModel(catalogue, seed.model)) ||
    [findModel(catalogue, catalogue.defaults.edits), ...catalogue.models].find((m) => m?.endpoints.generations && !m.retired) ||
    catalogue.models.find((m) => m.endpoints.generations)!;
  const options = (seed?.options ?? {}) as FormState['values'];
  return { modelId: model.id, prompt: seed?.prompt ?? '', values: valuesForModel(model, options), stream: options.stream !== undefined ? Boolean(options.stream) : true };
}

/** The JSON body the studio sends for this form. */
export function generationBody(catalogue: Catalogue, form: FormState): Record<string, unknown> {
  const model = findModel(catalogue, form.modelId);
  const spec = model?.endpoints.generations;
  const body: Record<string, unknown> = { model: form.modelId, prompt: form.prompt };
  if (!spec) return body;
  for (const param of Object.keys(spec.options)) {
    if (TRANSPORT_PARAMS.has(param) || param === 'partial_images') continue;
    const value = form.values[param];
    if (value !== undefined) body[param] = value;
  }
  if (form.values.size !== undefined) body.size = form.values.size;
  // Compression only means something for lossy formats; a format's own options only with it.
  if (body.output_format === 'png' || body.output_format === undefined) delete body.output_compression;
  const leftOut = paramsLeftOutFor(spec, body.output_format as string | undefined);
  for (const param of leftOut) delete body[param];
  if (spec.options.stream && form.stream && !leftOut.has('stream')) {
    body.stream = true;
    body.partial_images = form.values.partial_images ?? DEFAULT_PARTIAL_IMAGES;
  }
  // The studio shows images itself; links that expire in an hour serve nobody here.
  if (spec.options.response_format) body.response_format = 'b64_json';
  return body;
}

/**
 * A saved draft read back (sessionStorage, so Back and reload keep what was being
 * composed): only a model the catalogue still has, and only option values it accepts.
 */
export function restoreForm(catalogue: Catalogue, saved: unknown): FormState | null {
  if (!saved || typeof saved !== 'object') return null;
  const draft = saved as Partial<Record<keyof FormState, unknown>>;
  const model = typeof draft.modelId === 'string' ? findModel(catalogue, draft.modelId) : undefined;
  if (!model?.endpoints.generations) return null;
  const values = draft.values && typeof draft.values === 'object' ? (draft.values as FormState['values']) : {};
  return {
    modelId: model.id,
    prompt: typeof draft.prompt === 'string' ? draft.prompt.slice(0, 32_000) : '',
    values: valuesForModel(model, values),
    stream: typeof draft.stream === 'boolean' ? draft.stream : true,
  };
}

/** How one prompt is sent several ways at once: to several models, or one model at several qualities or sizes. */
export type CompareBy = 'model' | 'quality' | 'size';
export const MAX_COMPARE = GROUP_LIMITS.compare;
export const MAX_BATCH = GROUP_LIMITS.batch;

/** What can be compared for this form: model ids, or the current model's qualities or size presets. */
export function compareChoices(catalogue: Catalogue, form: FormState, by: CompareBy): string[] {
  if (by === 'model') return catalogue.models.filter((m) => m.endpoints.generations).map((m) => m.id);
  const spec = findModel(catalogue, form.modelId)?.endpoints.generations;
  if (!spec) return [];
  if (by === 'size') return [...spec.sizes.presets];
  const quality = spec.options.quality;
  return quality?.kind === 'enum' ? [...quality.values] : [];
}

/** One body per chosen variant (at most MAX_COMPARE), each valid for its model. */
export function compareBodies(catalogue: Catalogue, form: FormState, by: CompareBy, chosen: string[]): Array<Record<string, unknown>> {
  return chosen.slice(0, MAX_COMPARE).map((choice) => {
    if (by === 'model') {
      const model = findModel(catalogue, choice);
      return generationBody(catalogue, { ...form, modelId: choice, values: model ? valuesForModel(model, form.values) : form.values });
    }
    return generationBody(catalogue, { ...form, values: { ...form.values, [by]: choice } });
  });
}

/** A batch's prompts: one a line, blank lines skipped. */
export const batchPrompts = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
