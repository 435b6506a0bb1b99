import { z } from 'zod';

/**
 * The shape of the model catalogue. It is data (see catalogue.ts) and a deployment may
 * add or override models with a JSON file, so the shape itself is a zod schema: an
 * override file is checked with the same rules as the built-in table.
 */

export const ENDPOINTS = ['generations', 'edits', 'variations'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const enumOptionSchema = z.object({
  kind: z.literal('enum'),
  values: z.array(z.string()).min(1),
  default: z.string().optional(),
  /** Values upstream offers as a preview: accepted, and marked so in the studio. */
  preview: z.array(z.string()).optional(),
});
export const intOptionSchema = z.object({
  kind: z.literal('int'),
  min: z.number().int(),
  max: z.number().int(),
  default: z.number().int().optional(),
});
export const boolOptionSchema = z.object({
  kind: z.literal('bool'),
  default: z.boolean().optional(),
});
/** Free text, such as the end-user id `user`. */
export const textOptionSchema = z.object({
  kind: z.literal('text'),
  maxLength: z.number().int().positive(),
});
/**
 * GPT Image 2.6's `svg` object: which model authors the SVG and how hard it reasons
 * (`{ model, reasoning: { effort } }`; multipart `svg[model]`, `svg[reasoning][effort]`).
 */
export const svgAuthorOptionSchema = z.object({
  kind: z.literal('svgAuthor'),
  efforts: z.array(z.string()).min(1),
  modelMaxLength: z.number().int().positive().default(100),
});
export const optionSpecSchema = z.discriminatedUnion('kind', [
  enumOptionSchema,
  intOptionSchema,
  boolOptionSchema,
  textOptionSchema,
  svgAuthorOptionSchema,
]);
export type OptionSpec = z.infer<typeof optionSpecSchema>;
export type EnumOptionSpec = z.infer<typeof enumOptionSchema>;
export type IntOptionSpec = z.infer<typeof intOptionSchema>;
export type OptionSpecInput = z.input<typeof optionSpecSchema>;

/** Sizes: a fixed list, optionally `auto`, optionally any WIDTHxHEIGHT within a rule. */
export const sizeRuleSchema = z.object({
  presets: z.array(z.string().regex(/^\d+x\d+$/)).min(1),
  allowAuto: z.boolean().default(false),
  default: z.string(),
  custom: z
    .object({
      multipleOf: z.number().int().positive(),
      maxEdge: z.number().int().positive(),
      maxPixels: z.number().int().positive(),
      maxAspect: z.number().positive(),
      minPixels: z.number().int().nonnegative().default(0),
      /** Sizes above this many pixels work but are marked experimental upstream. */
      experimentalAbovePixels: z.number().int().positive().optional(),
    })
    .optional(),
});
export type SizeRule = z.infer<typeof sizeRuleSchema>;

export const inputRulesSchema = z.object({
  maxImages: z.number().int().positive(),
  maxFileBytes: z.number().int().positive(),
  formats: z.array(z.enum(['png', 'jpeg', 'webp'])).min(1),
  square: z.boolean().default(false),
  mask: z.boolean().default(false),
  markup: z.boolean().default(false),
});
export type InputRules = z.infer<typeof inputRulesSchema>;

/**
 * What choosing an output format changes (GPT Image 2.6's `gif` and `svg`): the options
 * it cannot be sent with, the options that apply only to it, its largest `n`, whether an
 * edit may carry a mask, and for GIF the frame size limits. Data, so a deployment can
 * correct a limit without code.
 */
export const formatRuleSchema = z.object({
  refuses: z.array(z.string()).default([]),
  /** Options that mean something only with this format (a GIF's frames, an SVG's author). */
  owns: z.array(z.string()).default([]),
  maxN: z.number().int().positive().optional(),
  noMask: z.boolean().default(false),
  /** The longest frame edge allowed up to each frame count (ascending by `frames`). */
  frameEdges: z.array(z.object({ frames: z.number().int().positive(), maxEdge: z.number().int().positive() })).optional(),
  /** All frames together (frame_count × width × height) stay within this many pixels. */
  maxTotalPixels: z.number().int().positive().optional(),
});
export type FormatRule = z.infer<typeof formatRuleSchema>;

export const endpointSpecSchema = z.object({
  /** Absent for endpoints without a prompt (variations). */
  promptMaxLength: z.number().int().positive().optional(),
  sizes: sizeRuleSchema,
  /** Wire parameter name → what it accepts. A parameter absent here is unsupported. */
  options: z.record(z.string(), optionSpecSchema),
  inputs: inputRulesSchema.optional(),
  /** Output formats with rules of their own, by `output_format` value. */
  outputFormats: z.record(z.string(), formatRuleSchema).default({}),
  returnsRevisedPrompt: z.boolean().default(false),
  /** `url` results expire upstream; the studio never keeps a link to one. */
  defaultResponseFormat: z.enum(['url', 'b64_json']).default('b64_json'),
});
export type EndpointSpec = z.infer<typeof endpointSpecSchema>;

/** Output tokens per image for token-priced models, by quality then size. */
const tokenTableSchema = z.record(z.string(), z.record(z.string(), z.number().nonnegative()));

export const priceSchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** false where the figure comes only from third parties. */
  confirmed: z.boolean(),
  source: z.string(),
  /** DALL·E: USD per image, by quality then size. */
  perImage: tokenTableSchema.optional(),
  /** GPT image models: USD per 1M tokens. */
  perMillionTokens: z
    .object({
      textIn: z.number().nonnegative(),
      imageIn: z.number().nonnegative(),
      imageOut: z.number().nonnegative(),
    })
    .optional(),
  outputTokens: tokenTableSchema.optional(),
  /** Image output tokens each partial image adds. */
  partialImageTokens: z.number().nonnegative().optional(),
  /**
   * How `complexity` (planning before rendering) scales the output image tokens, by
   * level; a level not listed counts as 1. Data, so a deployment can correct it.
   */
  complexityFactors: z.record(z.string(), z.number().positive()).optional(),
});
export type Price = z.infer<typeof priceSchema>;

export const modelSpecSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  family: z.enum(['dall-e', 'gpt-image']),
  description: z.string(),
  /** Dated snapshots and other names that resolve to this entry. */
  aliases: z.array(z.string()).default([]),
  /** When the model appeared upstream (`created` in GET /v1/models), with where that date comes from. */
  created: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), source: z.string() }).optional(),
  /** Set once the upstream provider retires the model; gateways may still serve it. */
  retired: z.object({ date: z.string(), note: z.string() }).nullable().default(null),
  endpoints: z.object({
    generations: endpointSpecSchema.optional(),
    edits: endpointSpecSchema.optional(),
    variations: endpointSpecSchema.optional(),
  }),
  price: priceSchema,
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type ModelSpecInput = z.input<typeof modelSpecSchema>;

export const catalogueSchema = z.object({
  models: z.array(modelSpecSchema),
  /** Model used when a request names none (the wire API's own defaults). */
  defaults: z.object({
    generations: z.string(),
    /** When a request names no model but uses a GPT-image-only parameter. */
    generationsGptImage: z.string(),
    edits: z.string(),
    variations: z.string(),
  }),
});
export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueInput = z.input<typeof catalogueSchema>;
