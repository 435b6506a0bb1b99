import { createHash } from 'node:crypto';
import type { GenerationRequest } from '../images/schema';
import { complexityFactor, outputFrames } from '../models/cost';
import { resolveDimensions } from '../models/sizes';
import type { Endpoint, ModelSpec } from '../models/types';
import type { OutputFormat, RawImage, SceneSpec } from './render';

/**
 * What the simulator will make for a request: one scene per image (seeded by the
 * request, so the same request always gives the same pixels), the resolved quality,
 * background and size, and the token usage upstream would report.
 */
const DETAIL: Record<string, number> = { low: 0.25, standard: 0.55, medium: 0.55, high: 0.85, hd: 1, xhigh: 1, max: 1 };

export type ImagePlan = {
  scene: SceneSpec;
  format: OutputFormat;
  compression: number;
  /** Draws the final picture when it is not the scene alone (edits, variations). */
  render?: () => Promise<RawImage>;
};

export type PlanRequest = Pick<GenerationRequest, 'n' | 'size' | 'quality' | 'style' | 'background' | 'output_format' | 'output_compression' | 'stream' | 'partial_images' | 'response_format' | 'user' | 'safety_identifier' | 'complexity'> & { prompt?: string; frame_count?: number; frame_duration_ms?: number };

export type Plan = {
  model: ModelSpec;
  endpoint: Endpoint;
  request: PlanRequest;
  images: ImagePlan[];
  partials: number;
  quality: string;
  background: 'transparent' | 'opaque';
  size: string;
  responseFormat: 'url' | 'b64_json';
  /** Image tokens of the input images (edits), reported once, on the first image. */
  inputImageTokens: number;
};

/**
 * `outputSize` overrides the size rule when the output follows an input image (a GPT
 * image edit with size auto: the preset nearest the input's shape).
 */
export function plan(request: PlanRequest, model: ModelSpec, endpoint: Endpoint = 'generations', outputSize?: { width: number; height: number }): Plan {
  const spec = model.endpoints[endpoint]!;
  const isGpt = model.family === 'gpt-image';
  const dims = outputSize && (!request.size || request.size === 'auto') ? outputSize : resolveDimensions(spec.sizes, request.size);
  const quality = !request.quality || request.quality === 'auto' ? (isGpt ? 'high' : 'standard') : request.quality;
  const background = request.background === 'transparent' ? 'transparent' : 'opaque';
  const format = (request.output_format ?? 'png') as OutputFormat;
  const size = `${dims.width}x${dims.height}`;
  const n = request.n ?? 1;
  const base = JSON.stringify([model.id, request.prompt, size, quality, request.style ?? '', background]);
  const images = Array.from({ length: n }, (_, index) => ({
    scene: {
      seed: createHash('sha256').update(`${base}#${index}`).digest('hex'),
      width: dims.width,
      height: dims.height,
      transparent: background === 'transparent',
      detail: DETAIL[quality] ?? 0.6,
      vivid: request.style !== 'natural',
    },
    format,
    compression: request.output_compression ?? 100,
  }));
  return {
    model,
    endpoint,
    request,
    images,
    partials: request.stream ? (request.partial_images ?? 0) : 0,
    quality,
    background,
    size,
    responseFormat: isGpt ? 'b64_json' : ((request.response_format ?? spec.defaultResponseFormat) as 'url' | 'b64_json'),
    inputImageTokens: 0,
  };
}

export function usageFor(p: Plan, imageIndex: number) {
  const table = p.model.price.outputTokens?.[p.quality] ?? {};
  const area = p.images[0]!.scene.width * p.images[0]!.scene.height;
  const square = table['1024x1024'] ?? 1056;
  // Complexity (planning) scales the image's own tokens, as upstream's usage would show.
  const planned =
    Math.round((table[p.size] ?? Math.round((square * area) / (1024 * 1024))) * complexityFactor(p.model, p.endpoint, p.request.complexity)) *
    outputFrames(p.model, p.endpoint, p.request);
  const imageTokens = planned + p.partials * (p.model.price.partialImageTokens ?? 0);
  // The prompt's tokens are counted once, on the first image.
  const textTokens = imageIndex === 0 ? Math.max(1, Math.ceil((p.request.prompt ?? '').length / 4)) : 0;
  const inputImageTokens = imageIndex === 0 ? p.inputImageTokens : 0;
  return {
    input_tokens: textTokens + inputImageTokens,
    input_tokens_details: { text_tokens: textTokens, image_tokens: inputImageTokens },
    output_tokens: imageTokens,
    output_tokens_details: { image_tokens: imageTokens, text_tokens: 0 },
    total_tokens: textTokens + inputImageTokens + imageTokens,
  };
}

export function sumUsage(usages: ReturnType<typeof usageFor>[]) {
  const sum = (pick: (u: ReturnType<typeof usageFor>) => number) => usages.reduce((acc, u) => acc + pick(u), 0);
  return {
    input_tokens: sum((u) => u.input_tokens),
    input_tokens_details: { text_tokens: sum((u) => u.input_tokens_details.text_tokens), image_tokens: sum((u) => u.input_tokens_details.image_tokens) },
    output_tokens: sum((u) => u.output_tokens),
    output_tokens_details: { image_tokens: sum((u) => u.output_tokens_details.image_tokens), text_tokens: 0 },
    total_tokens: sum((u) => u.total_tokens),
  };
}

export function revisedPrompt(request: PlanRequest): string {
  const tone = request.style === 'natural' ? 'natural, true-to-life' : 'vivid, dramatic';
  const detail = request.quality === 'hd' ? ' richly detailed' : '';
  return `A ${tone}${detail} picture of ${(request.prompt ?? '').trim().replace(/[.\s]+$/, '')}, with a balanced composition and soft directional light.`;
}
