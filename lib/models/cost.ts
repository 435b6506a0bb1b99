import { animationOf } from './format-rules';
import { parseSize, resolveDimensions } from './sizes';
import type { Endpoint, ModelSpec } from './types';

/** What a request is expected to cost, before it is sent. */
export type CostEstimate = {
  usd: number;
  perImageUsd: number;
  basis: 'per-image' | 'tokens';
  /** false where any figure behind the estimate is unconfirmed or extrapolated. */
  confirmed: boolean;
  asOf: string;
  /** How the estimate was reached, as message keys and values (`studio.cost.notes.<key>`). */
  notes: CostNote[];
};

export type CostNote =
  | { key: 'autoQuality' }
  | { key: 'scaledTokens'; size: string }
  | { key: 'partialTokens'; tokens: number }
  | { key: 'gifFrames'; frames: number }
  | { key: 'svgAuthoring' }
  | { key: 'runs'; count: number };

export type CostRequest = {
  size?: string;
  quality?: string;
  n?: number;
  stream?: boolean;
  partial_images?: number;
  complexity?: string;
  output_format?: string;
  frame_count?: number;
  prompt?: string;
  /** Image tokens of the input images (edits); unknown until the files are read. */
  inputImageTokens?: number;
};

export type Usage = {
  input_tokens?: number;
  output_tokens?: number;
  input_tokens_details?: { text_tokens?: number; image_tokens?: number };
  output_tokens_details?: { text_tokens?: number; image_tokens?: number };
};

const STANDARD_AREA = 1024 * 1024;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function estimateCost(model: ModelSpec, endpoint: Endpoint, req: CostRequest): CostEstimate | null {
  const spec = model.endpoints[endpoint];
  if (!spec) return null;
  const price = model.price;
  const n = req.n ?? 1;
  const notes: CostNote[] = [];
  const dims = resolveDimensions(spec.sizes, req.size);
  const sizeKey = `${dims.width}x${dims.height}`;

  if (price.perImage) {
    const qualitySpec = spec.options.quality;
    const quality = req.quality ?? (qualitySpec?.kind === 'enum' ? qualitySpec.default : undefined) ?? 'standard';
    const perImage = price.perImage[quality]?.[sizeKey] ?? price.perImage.standard?.[sizeKey];
    if (perImage === undefined) return null;
    return { usd: round6(perImage * n), perImageUsd: perImage, basis: 'per-image', confirmed: price.confirmed, asOf: price.asOf, notes };
  }

  const rates = price.perMillionTokens;
  const table = price.outputTokens;
  if (!rates || !table) return null;
  let quality = req.quality ?? 'auto';
  if (quality === 'auto' || !table[quality]) {
    notes.push({ key: 'autoQuality' });
    quality = 'high';
  }
  const qualityTable = table[quality] ?? {};
  let outputTokens = qualityTable[sizeKey];
  if (outputTokens === undefined) {
    // Other sizes scale with their area from the square figure.
    const square = qualityTable['1024x1024'] ?? 0;
    const area = (parseSize(sizeKey)?.width ?? 1024) * (parseSize(sizeKey)?.height ?? 1024);
    outputTokens = Math.round((square * area) / STANDARD_AREA);
    notes.push({ key: 'scaledTokens', size: sizeKey });
  }
  // Planning (complexity) scales the image's tokens, not its partial images'.
  outputTokens = Math.round(outputTokens * complexityFactor(model, endpoint, req.complexity));
  // A GIF's frames are each a picture of its size; an SVG's authoring is reported apart
  // (svg_usage) and has no published price, so only its reference picture is counted.
  const frames = outputFrames(model, endpoint, req);
  if (frames > 1) notes.push({ key: 'gifFrames', frames });
  if (req.output_format === 'svg') notes.push({ key: 'svgAuthoring' });
  outputTokens *= frames;
  const partials = req.stream ? (req.partial_images ?? 0) : 0;
  const partialTokens = partials * (price.partialImageTokens ?? 0);
  if (partials > 0) notes.push({ key: 'partialTokens', tokens: price.partialImageTokens ?? 0 });
  // About four characters per token for English text.
  const textTokens = Math.ceil((req.prompt?.length ?? 0) / 4);
  const inputUsd = (textTokens * rates.textIn + (req.inputImageTokens ?? 0) * rates.imageIn) / 1e6;
  const perImageUsd = ((outputTokens + partialTokens) * rates.imageOut) / 1e6;
  return {
    usd: round6(inputUsd + perImageUsd * n),
    perImageUsd: round6(perImageUsd),
    basis: 'tokens',
    confirmed: price.confirmed && quality !== 'xhigh' && quality !== 'max',
    asOf: price.asOf,
    notes,
  };
}

/** The cost of a finished request from its reported usage (token-priced models). */
export function costFromUsage(model: ModelSpec, usage: Usage): number | null {
  const rates = model.price.perMillionTokens;
  if (!rates) return null;
  const textIn = usage.input_tokens_details?.text_tokens ?? usage.input_tokens ?? 0;
  const imageIn = usage.input_tokens_details?.image_tokens ?? 0;
  const out = usage.output_tokens ?? 0;
  return round6((textIn * rates.textIn + imageIn * rates.imageIn + out * rates.imageOut) / 1e6);
}

/**
 * How planning (`complexity`, GPT Image 2.6) scales an image's output tokens: the level
 * asked for, or else the model's default, by the catalogue's `complexityFactors`; 1 for
 * a model without the option. The estimate and the simulator's usage both use it.
 */
export function complexityFactor(model: ModelSpec, endpoint: Endpoint, requested: string | undefined): number {
  const spec = model.endpoints[endpoint]?.options.complexity;
  const level = requested ?? (spec?.kind === 'enum' ? spec.default : undefined);
  return level ? (model.price.complexityFactors?.[level] ?? 1) : 1;
}

/**
 * The pictures one image is made of: a GIF's `frame_count` (or the catalogue's default),
 * else 1. The estimate and the simulator's usage both use it.
 */
export function outputFrames(model: ModelSpec, endpoint: Endpoint, req: Pick<CostRequest, 'output_format' | 'frame_count'>): number {
  const spec = model.endpoints[endpoint];
  return (spec && animationOf(spec, req)?.frames) ?? 1;
}

/** Digits shown for a dollar amount: cents, or more for the fractions images cost. */
export const usdDigits = (usd: number) => (usd === 0 ? 2 : usd < 0.01 ? 4 : usd < 1 ? 3 : 2);

export function formatUsd(usd: number): string {
  return `$${usd.toFixed(usdDigits(usd))}`;
}

/**
 * Image tokens of one input image (edits), counted as OpenAI counts image inputs at high
 * detail: scaled to fit 2048×2048, then its short side to 768 px; 170 tokens per
 * 512-pixel tile, plus 85. A 1024×1024 input is 765 tokens.
 */
export function inputImageTokens(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorten = Math.min(1, 768 / Math.min(w, h));
  w *= shorten;
  h *= shorten;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}
