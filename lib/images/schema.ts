import { z } from 'zod';
import { describeModels, findModel, isPlainObject, modelsFor, resolveModelName } from '../models/registry';
import { sizeIssue } from '../models/sizes';
import { formatProblems } from '../models/format-rules';
import { problem, type Problem } from './problems';
import type { Catalogue, Endpoint, EndpointSpec, ModelSpec, OptionSpec } from '../models/types';

/**
 * Request validation derived from the model catalogue. The same function runs in the
 * browser (next to each control, before anything is sent) and in the route handlers
 * (400 in the API's error envelope), so both say the same thing.
 */

/** Every JSON parameter of `POST /images/generations` on the wire. */
export const GENERATION_PARAMS = [
  'prompt', 'model', 'n', 'size', 'quality', 'style', 'background', 'output_format',
  'output_compression', 'moderation', 'partial_images', 'stream', 'response_format', 'user',
  'safety_identifier', 'complexity', 'frame_count', 'frame_duration_ms', 'svg',
] as const;

/** The text parameters of `POST /images/edits` and `/images/variations` (files aside). */
export const EDIT_PARAMS = [
  'prompt', 'model', 'n', 'size', 'quality', 'background', 'output_format', 'output_compression',
  'input_fidelity', 'partial_images', 'stream', 'response_format', 'user', 'safety_identifier', 'complexity',
  'frame_count', 'frame_duration_ms', 'svg',
] as const;
export const VARIATION_PARAMS = ['model', 'n', 'size', 'response_format', 'user', 'safety_identifier'] as const;

/** `problem`, where known, says the same as `message` as a key and values a page can translate. */
export type RequestIssue = { param: string | null; message: string; code: string; problem?: Omit<Problem, 'message'> };

export type GenerationRequest = {
  prompt: string;
  model: string;
  n?: number;
  size?: string;
  quality?: string;
  style?: string;
  background?: string;
  output_format?: string;
  output_compression?: number;
  moderation?: string;
  partial_images?: number;
  stream?: boolean;
  response_format?: string;
  user?: string;
  safety_identifier?: string;
  complexity?: string;
};

export type Validated<T> =
  | { ok: true; value: T; model: ModelSpec; endpoint: EndpointSpec }
  | { ok: false; issues: RequestIssue[] };

/**
 * Null means "not given" (Python clients send None for options they skip), and
 * `stream: false` is the default everywhere, so neither is an unsupported option.
 */
function normalise(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (key === 'stream' && value === false) continue;
    out[key] = value;
  }
  return out;
}

function optionSchema(param: string, spec: OptionSpec, label: string): z.ZodType {
  switch (spec.kind) {
    case 'enum':
      return z.enum(spec.values as [string, ...string[]], {
        error: (iss) =>
          typeof iss.input === 'string'
            ? `${label} does not accept ${param} "${iss.input}"; choose ${spec.values.join(', ')}.`
            : `${param} must be a string: one of ${spec.values.join(', ')}.`,
      });
    case 'int': {
      const range =
        spec.min === spec.max ? `${label} only accepts ${param} = ${spec.min}.` : `${param} must be a whole number from ${spec.min} to ${spec.max} for ${label}.`;
      return z.number({ error: range }).int({ error: range }).min(spec.min, { error: range }).max(spec.max, { error: range });
    }
    case 'bool':
      return z.boolean({ error: `${param} must be true or false.` });
    case 'text':
      return z
        .string({ error: `${param} must be a string.` })
        .max(spec.maxLength, { error: `${param} may be at most ${spec.maxLength} characters.` });
    case 'svgAuthor': {
      const shape = `${param} must be an object: { "model": "…", "reasoning": { "effort": "${spec.efforts.join('" | "')}" } }.`;
      return z
        .strictObject(
          {
            model: z.string({ error: `${param}.model must be a string.` }).min(1).max(spec.modelMaxLength, { error: `${param}.model may be at most ${spec.modelMaxLength} characters.` }).optional(),
            reasoning: z
              .strictObject(
                { effort: z.enum(spec.efforts as [string, ...string[]], { error: `${param}.reasoning.effort must be one of ${spec.efforts.join(', ')}.` }).nullable().optional() },
                { error: shape },
              )
              .nullable()
              .optional(),
          },
          { error: shape },
        )
        .nullable();
    }
  }
}

const schemaCache = new WeakMap<EndpointSpec, z.ZodType>();

function endpointSchema(model: ModelSpec, endpoint: EndpointSpec): z.ZodType {
  const cached = schemaCache.get(endpoint);
  if (cached) return cached;
  const label = model.label;
  const shape: Record<string, z.ZodType> = { model: z.string() };
  if (endpoint.promptMaxLength !== undefined) {
    const max = endpoint.promptMaxLength;
    shape.prompt = z
      .string({ error: (iss) => (iss.input === undefined ? 'A prompt is required.' : 'prompt must be a string.') })
      .refine((s) => s.trim().length > 0, { error: 'A prompt is required.' })
      .superRefine((s, ctx) => {
        if (s.length <= max) return;
        const found = problem('promptTooLong', { length: s.length, model: label, max }, `The prompt is ${s.length.toLocaleString('en-US')} characters; ${label} accepts at most ${max.toLocaleString('en-US')}.`);
        ctx.addIssue({ code: 'custom', message: found.message, params: { code: 'string_above_max_length', problem: found } });
      });
  }
  shape.size = z.string({ error: 'size must be a string such as 1024x1024.' }).superRefine((size, ctx) => {
    const found = sizeIssue(endpoint.sizes, size);
    if (found) ctx.addIssue({ code: 'custom', message: `${label}: ${found.message}`, params: { code: 'invalid_size', problem: found } });
  });
  for (const [param, spec] of Object.entries(endpoint.options)) shape[param] = optionSchema(param, spec, label);
  for (const param of Object.keys(shape)) if (param !== 'model' && param !== 'prompt') shape[param] = shape[param]!.optional();

  const schema = z.strictObject(shape).superRefine((body, ctx) => {
    const format = (body.output_format as string | undefined) ?? 'png';
    if (body.background === 'transparent' && format === 'jpeg') {
      ctx.addIssue({
        code: 'custom',
        path: ['background'],
        message: 'A transparent background needs png or webp output; JPEG has no transparency.',
        params: { code: 'invalid_value', problem: { key: 'transparentJpeg', values: {} } },
      });
    }
    for (const found of formatProblems(endpoint, body, label))
      ctx.addIssue({ code: 'custom', path: [found.param], message: found.problem.message, params: { code: 'invalid_value', problem: found.problem } });
    if (typeof body.output_compression === 'number' && body.output_compression < 100 && format === 'png') {
      ctx.addIssue({
        code: 'custom',
        path: ['output_compression'],
        message: 'output_compression applies to jpeg and webp output only; PNG is lossless.',
        params: { code: 'invalid_value', problem: { key: 'compressionPng', values: {} } },
      });
    }
  });
  schemaCache.set(endpoint, schema);
  return schema;
}

function unsupportedMessage(catalogue: Catalogue, endpointName: Endpoint, param: string, model: ModelSpec, known: readonly string[]) {
  if (!known.includes(param)) return `Unknown parameter: "${param}".`;
  const owners = modelsFor(catalogue, endpointName).filter((m) => m.endpoints[endpointName]?.options[param]);
  const where = owners.length ? ` It applies to ${describeModels(catalogue, endpointName, owners).names}.` : '';
  return `${model.label} does not support ${param}.${where}`;
}

/** The translatable form of a prompt's or an option's own problem (the English is the schema's). */
function optionProblem(param: string | null, endpoint: EndpointSpec | undefined): Omit<Problem, 'message'> | null {
  if (param === 'prompt') return { key: 'promptRequired', values: {} };
  const spec = param ? endpoint?.options[param] : undefined;
  if (!param || !spec) return null;
  if (spec.kind === 'enum') return { key: 'enumValue', values: { param, values: spec.values.join(', ') } };
  if (spec.kind === 'int') return spec.min === spec.max ? { key: 'numberOnly', values: { param, value: spec.min } } : { key: 'numberRange', values: { param, min: spec.min, max: spec.max } };
  return null;
}

function toIssues(error: z.ZodError, catalogue: Catalogue, endpointName: Endpoint, model: ModelSpec, known: readonly string[]): RequestIssue[] {
  const issues: RequestIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ param: key, code: 'unknown_parameter', message: unsupportedMessage(catalogue, endpointName, key, model, known) });
      continue;
    }
    const param = issue.path.length ? String(issue.path[0]) : null;
    const params = issue.code === 'custom' ? (issue.params as { code?: string; problem?: Problem } | undefined) : undefined;
    const code = params?.code ?? (issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value');
    const found = params?.problem ?? optionProblem(param, model.endpoints[endpointName]);
    issues.push({ param, code, message: issue.message, ...(found ? { problem: { key: found.key, values: found.values } } : {}) });
  }
  return issues;
}

/** Validates a request body for an endpoint, returning every problem found. */
export function validateImageRequest<T = GenerationRequest>(
  catalogue: Catalogue,
  endpointName: Endpoint,
  rawBody: unknown,
  knownParams: readonly string[] = GENERATION_PARAMS,
): Validated<T> {
  if (!isPlainObject(rawBody))
    return { ok: false, issues: [{ param: null, code: 'invalid_type', message: 'The request body must be a JSON object.' }] };
  const body = normalise(rawBody);
  if (body.model !== undefined && typeof body.model !== 'string')
    return { ok: false, issues: [{ param: 'model', code: 'invalid_type', message: 'model must be a string.' }] };
  const name = resolveModelName(catalogue, endpointName, body);
  const model = findModel(catalogue, name);
  if (!model) {
    const offered = modelsFor(catalogue, endpointName).map((m) => m.id).join(', ');
    return { ok: false, issues: [{ param: 'model', code: 'model_not_found', message: `Unknown model "${name}". Choose one of ${offered}.` }] };
  }
  const endpoint = model.endpoints[endpointName];
  if (!endpoint) {
    const offered = modelsFor(catalogue, endpointName).map((m) => m.id).join(', ');
    return {
      ok: false,
      issues: [{ param: 'model', code: 'invalid_value', message: `${model.label} does not offer ${endpointName}; use ${offered}.` }],
    };
  }
  const parsed = endpointSchema(model, endpoint).safeParse({ ...body, model: name });
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error, catalogue, endpointName, model, knownParams) };
  return { ok: true, value: parsed.data as T, model, endpoint };
}

/** Issues keyed by parameter, for showing each next to its control, each said by `say` (a page's translation). */
export function issuesByParam(issues: RequestIssue[], say: (issue: RequestIssue) => string = (issue) => issue.message): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.param ?? '_'] ??= say(issue);
  return out;
}
