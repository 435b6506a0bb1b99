import type { EndpointSpec, FormatRule, OptionSpec } from './types';
import { problem, type Problem } from '../images/problems';

/**
 * What an output format allows (the catalogue's `outputFormats`, GPT Image 2.6's `gif`
 * and `svg`): one function finds every problem with a request's options for its format,
 * for the shared schema (so the routes and the studio's forms say the same), and one says
 * which options a form must leave out for the format it chose.
 */
type FormatProblem = { param: string; problem: Problem };

/** Whether an option's value asks for nothing (stream off, no partial images, full quality). */
function isOff(spec: OptionSpec | undefined, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (spec?.kind === 'bool') return value === false;
  if (spec?.kind === 'int') return value === spec.default;
  return false;
}

/** The longest frame edge a GIF of this many frames may have. */
function gifMaxEdge(rule: FormatRule, frames: number): number | null {
  return rule.frameEdges?.find((step) => frames <= step.frames)?.maxEdge ?? null;
}

/** The API's own defaults, for a catalogue entry that gives none: 9 frames of 200 ms. */
export const API_ANIMATION = { frames: 9, frameMs: 200 };

/**
 * A GIF's animation as a request asks for it: its frames and each one's time, else the
 * catalogue's defaults; null when the chosen format is not animated. The schema's frame
 * size check, the cost (each frame a picture) and the simulator all read it.
 */
export function animationOf(endpoint: EndpointSpec, request: { output_format?: unknown; frame_count?: unknown; frame_duration_ms?: unknown }): { frames: number; frameMs: number } | null {
  const format = typeof request.output_format === 'string' ? request.output_format : 'png';
  if (!endpoint.outputFormats[format]?.frameEdges) return null;
  const asked = (value: unknown, spec: OptionSpec | undefined, fallback: number) => (typeof value === 'number' ? value : spec?.kind === 'int' ? (spec.default ?? fallback) : fallback);
  return {
    frames: asked(request.frame_count, endpoint.options.frame_count, API_ANIMATION.frames),
    frameMs: asked(request.frame_duration_ms, endpoint.options.frame_duration_ms, API_ANIMATION.frameMs),
  };
}

export function formatProblems(endpoint: EndpointSpec, body: Record<string, unknown>, label: string): FormatProblem[] {
  const format = typeof body.output_format === 'string' ? body.output_format : 'png';
  const rule = endpoint.outputFormats[format];
  const found: FormatProblem[] = [];
  // Options owned by another format (a GIF's frames sent for a PNG).
  for (const [other, otherRule] of Object.entries(endpoint.outputFormats)) {
    if (other === format) continue;
    for (const param of otherRule.owns)
      if (body[param] !== undefined && body[param] !== null)
        found.push({ param, problem: problem('formatOwns', { param, format: other }, `${param} applies only with output_format ${other}.`) });
  }
  if (!rule) return found;
  for (const param of rule.refuses)
    if (!isOff(endpoint.options[param], body[param]))
      found.push({ param, problem: problem('formatRefuses', { model: label, param, format }, `${label} cannot send ${param} with output_format ${format}.`) });
  if (rule.maxN !== undefined && typeof body.n === 'number' && body.n > rule.maxN)
    found.push({ param: 'n', problem: problem('formatMaxN', { format, max: rule.maxN }, `output_format ${format} makes at most ${rule.maxN} image${rule.maxN === 1 ? '' : 's'} a request (n).`) });
  const size = typeof body.size === 'string' ? /^(\d+)x(\d+)$/.exec(body.size) : null;
  const animation = animationOf(endpoint, body);
  if (size && animation) {
    const { frames } = animation;
    const [width, height] = [Number(size[1]), Number(size[2])];
    const edge = gifMaxEdge(rule, frames);
    if (edge !== null && Math.max(width, height) > edge)
      found.push({ param: 'size', problem: problem('gifFrameEdge', { frames, edge, size: body.size as string }, `A GIF of ${frames} frames may be at most ${edge} pixels on a side; ${body.size} is larger. Choose a smaller size or fewer frames.`) });
    else if (rule.maxTotalPixels !== undefined && frames * width * height > rule.maxTotalPixels)
      found.push({ param: 'size', problem: problem('gifPixels', { frames, size: body.size as string, max: rule.maxTotalPixels }, `${frames} frames of ${body.size} exceed the ${rule.maxTotalPixels.toLocaleString('en-US')} pixels a GIF may hold in all. Choose a smaller size or fewer frames.`) });
  }
  return found;
}

/**
 * The options a form leaves out for the format it chose: those another format owns, and
 * those this format refuses (a GIF is neither streamed nor compressed).
 */
export function paramsLeftOutFor(endpoint: EndpointSpec, format: string | undefined): Set<string> {
  const chosen = format ?? 'png';
  const out = new Set<string>();
  for (const [other, rule] of Object.entries(endpoint.outputFormats)) if (other !== chosen) for (const param of rule.owns) out.add(param);
  for (const param of endpoint.outputFormats[chosen]?.refuses ?? []) out.add(param);
  return out;
}
