import { problem, type Problem } from '../images/problems';
import type { SizeRule } from './types';

export type Dimensions = { width: number; height: number };

export function parseSize(size: string): Dimensions | null {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  if (!match) return null;
  return { width: Number(match[1]), height: Number(match[2]) };
}

export const formatSize = ({ width, height }: Dimensions) => `${width}x${height}`;

/** Why a size is not allowed by a rule, or null when it is. */
export function sizeProblem(rule: SizeRule, size: string): string | null {
  return sizeIssue(rule, size)?.message ?? null;
}

/**
 * What is wrong with a size, in English for the wire and as a key with values, so pages
 * can say it in the person's language (messages: `problems.<key>`).
 */
export function sizeIssue(rule: SizeRule, size: string): Problem | null {
  const sizes = listSizes(rule);
  if (size === 'auto') return rule.allowAuto ? null : problem('sizeAuto', { sizes }, `"auto" is not available; choose ${sizes}.`);
  if (rule.presets.includes(size)) return null;
  const dims = parseSize(size);
  const custom = rule.custom;
  if (!custom) return problem('sizePreset', { sizes }, `Size must be one of ${sizes}.`);
  if (!dims) return problem('sizeFormat', { sizes }, `Size must be WIDTHxHEIGHT (for example 1536x864) or one of ${sizes}.`);
  const { width, height } = dims;
  if (width % custom.multipleOf || height % custom.multipleOf)
    return problem('sizeMultiple', { multiple: custom.multipleOf, size }, `Width and height must both be multiples of ${custom.multipleOf} (${size} is not).`);
  if (Math.max(width, height) > custom.maxEdge) return problem('sizeEdge', { max: custom.maxEdge }, `Neither side may exceed ${custom.maxEdge} pixels.`);
  if (width * height > custom.maxPixels) return problem('sizeMaxPixels', { max: custom.maxPixels }, `At most ${custom.maxPixels.toLocaleString('en-US')} pixels in all.`);
  if (width * height < custom.minPixels) return problem('sizeMinPixels', { min: custom.minPixels }, `At least ${custom.minPixels.toLocaleString('en-US')} pixels in all.`);
  const aspect = Math.max(width, height) / Math.min(width, height);
  if (aspect > custom.maxAspect) return problem('sizeAspect', { max: custom.maxAspect }, `The aspect ratio must be between 1:${custom.maxAspect} and ${custom.maxAspect}:1.`);
  return null;
}

export function isExperimentalSize(rule: SizeRule, size: string): boolean {
  const dims = parseSize(size);
  const limit = rule.custom?.experimentalAbovePixels;
  return Boolean(dims && limit && dims.width * dims.height > limit);
}

/** The pixel size an image will have; `auto` means the first preset. */
export function resolveDimensions(rule: SizeRule, size: string | undefined): Dimensions {
  const chosen = !size || size === 'auto' ? (rule.default === 'auto' ? rule.presets[0]! : rule.default) : size;
  return parseSize(chosen) ?? parseSize(rule.presets[0]!)!;
}

function listSizes(rule: SizeRule): string {
  return [...rule.presets, ...(rule.allowAuto ? ['auto'] : [])].join(', ');
}

/**
 * The preset whose shape is nearest an input image's: what a GPT image model makes for
 * an edit with size `auto` (800×600 → 1536x1024, 512×512 → 1024x1024), never the input's
 * own size, which those models cannot make.
 */
export function nearestAspectPreset(rule: SizeRule, width: number, height: number): Dimensions {
  const target = Math.log(width / height);
  const distance = (d: Dimensions) => Math.abs(Math.log(d.width / d.height) - target);
  const presets = rule.presets.map(parseSize).filter((d): d is Dimensions => d !== null);
  return presets.reduce((best, d) => (distance(d) < distance(best) ? d : best));
}

/**
 * The size a GPT image edit comes out at: with `size` auto (or none), the preset nearest
 * the first input's shape, as the models do; otherwise the size asked for. The estimate,
 * the editor's cost line and the simulator all use it, so an edit is priced at the size
 * it is made at.
 */
export function editOutputSize(rule: SizeRule, size: string | undefined, first: { width: number; height: number }): Dimensions | null {
  if (size && size !== 'auto') return null;
  return nearestAspectPreset(rule, first.width, first.height);
}
