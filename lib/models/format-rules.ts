import type { EndpointSpec, FormatRule, OptionSpec } from './types';
import { problem, type Problem } from '../images/problems';

/**
 * What an output format allows (the catalogue's `outputFormats`, GPT Image 2.6's `gif`
 * and `svg`): one function finds every problem with a request's options for its format,
 * for the shared schema (so the routes and the studio's forms say the same), and one says
 * which options a form must leave out for the format it chose.
 */
export type FormatProblem = { param: string; problem: Problem };

/** Whether an option's value asks for nothing (stream off, no partial images, full quality). */
function isOff(spec: OptionSpec | undefined, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (spec?.kind === 'bool') return value === false;
  if (spec?.kind === 'int') return value === spec.default;
  return false;
}

/** The longest frame edge a GIF of this many frames may have. */
export function gifMaxEdge(rule: FormatRule, frames: number): number | null {
  return rule.frameEdges?.find((step) => frames <= step.frames)?.maxEdge ?? null;
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
  if (size && rule.frameEdges) {
    const frameSpec = endpoint.options.frame_count;
    const frames = typeof body.frame_count === 'number' ? body.frame_count : frameSpec?.kind === 'int' ? (frameSpec.default ?? 1) : 1;
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
