import OpenAI from 'openai';
import { CatalogueError } from '../models/registry';
import type { RequestIssue } from './schema';
import { retryAfterMs } from './retry-wait';
import { errorJson, type ErrorBody } from './wire';

/**
 * One error vocabulary for the studio's API: every failure becomes a status and an
 * Images-API error envelope with a message a person can act on. Upstream internals
 * are logged on the server and never echoed; anything resembling a key is redacted.
 */
const STUDIO_ERROR = Symbol.for('image-studio.StudioError');

export class StudioError extends Error {
  readonly [STUDIO_ERROR] = true;
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }

  /**
   * By brand, not by prototype: the production build may hold this module more than
   * once (instrumentation starts the runs in a bundle of its own), and an error thrown
   * by one copy must still be recognised by the routes' copy.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STUDIO_ERROR] === true;
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null, status = 400) =>
  new StudioError(status, { message, type: 'invalid_request_error', param, code });

export const forbidden = (message: string) => new StudioError(403, { message, type: 'invalid_request_error', param: null, code: 'forbidden' });

/** A browser request whose Origin is not the studio's own (CSRF). */
export const crossOrigin = (message: string) => new StudioError(403, { message, type: 'invalid_request_error', param: null, code: 'cross_origin_request' });

export function fromIssues(issues: RequestIssue[]): StudioError {
  const first = issues[0] ?? { param: null, code: 'invalid_value', message: 'Invalid request.' };
  return invalidRequest(first.message, first.param, first.code, first.code === 'model_not_found' ? 404 : 400);
}

const KEY_PATTERN = /\b(sk|rk|sess)-[A-Za-z0-9_*-]{6,}/g;

/** Removes the configured key and anything shaped like an OpenAI key. */
export function redact(text: string): string {
  const key = process.env.OPENAI_API_KEY?.trim();
  let out = key && key.length >= 4 ? text.split(key).join('[redacted]') : text;
  out = out.replace(KEY_PATTERN, '[redacted]');
  return out;
}

const upstreamError = (status: number, code: string, message: string, headers: Record<string, string> = {}, param: string | null = null, type = 'upstream_error') =>
  new StudioError(status, { message, type, param, code }, headers);

function retryAfterSeconds(headers: Headers | undefined): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const wait = retryAfterMs(headers.get('retry-after'));
  return wait === null ? null : Math.max(0, Math.ceil(wait / 1000));
}

type UpstreamBody = { message?: string; code?: string | null; param?: string | null; type?: string } | undefined;

/** Maps anything the SDK throws to a StudioError. `model` names the model asked for. */
export function fromUpstream(error: unknown, model?: string): StudioError {
  if (error instanceof StudioError) return error;
  if (error instanceof OpenAI.APIUserAbortError) return upstreamError(499, 'cancelled', 'The request was cancelled.');
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return upstreamError(504, 'upstream_timeout', 'The image service did not answer in time. Try again, perhaps with a smaller size or lower quality.');
  if (error instanceof OpenAI.APIConnectionError)
    return upstreamError(502, 'upstream_unreachable', 'The studio could not reach the image service. Try again in a moment; if it persists, ask the studio administrator to check the connection.');
  if (!(error instanceof OpenAI.APIError)) {
    return upstreamError(502, 'stream_interrupted', 'The connection to the image service broke before the image was finished. Try again.');
  }
  const body = error.error as UpstreamBody;
  const code = body?.code ?? null;
  const upstreamMessage = redact(body?.message ?? '');
  const status = error.status;
  const name = model ? `"${model}"` : 'This model';
  if (code === 'moderation_blocked' || code === 'content_policy_violation')
    return upstreamError(400, code, 'The image service refused this prompt under its content policy. Rephrase the prompt (or change the input image) and try again.', {}, body?.param ?? 'prompt', 'image_generation_user_error');
  if (status === undefined)
    return upstreamError(502, code ?? 'upstream_error', `The image service reported an error while streaming: ${upstreamMessage || 'no details'}. Try again.`);
  if (status === 401)
    return upstreamError(502, 'upstream_auth_failed', "The image service rejected the studio's API key. Ask the studio administrator to check OPENAI_API_KEY.");
  if (status === 403)
    return upstreamError(403, 'upstream_permission_denied', `The studio's account is not allowed to use ${name} (some models need organization verification). Choose another model or ask the administrator.`);
  if (status === 404 || code === 'model_not_found')
    return upstreamError(404, 'model_not_found', `The image service does not offer ${name} any more (it may have been retired). Choose another model.`, {}, 'model');
  if (status === 429) {
    if (code === 'insufficient_quota' || code === 'billing_hard_limit_reached')
      return upstreamError(429, code, "The studio's account with the image service is out of credit. Ask the studio administrator to top it up.");
    const wait = retryAfterSeconds(error.headers);
    const when = wait === null ? 'in a little while' : wait <= 1 ? 'in a second' : `in ${wait} seconds`;
    return upstreamError(429, 'rate_limit_exceeded', `The image service is rate limiting the studio. Try again ${when}.`, wait === null ? {} : { 'retry-after': String(wait) }, null, 'rate_limit_error');
  }
  if (status >= 500)
    return upstreamError(502, 'upstream_error', 'The image service had a problem and could not finish. Try again in a moment.');
  // Other 4xx describe the request itself and are safe to show once redacted.
  return upstreamError(status, code ?? 'invalid_request', upstreamMessage || 'The image service refused the request.', {}, body?.param ?? null, 'invalid_request_error');
}

/** The response for any error reaching a route handler. */
export function errorResponse(error: unknown, context = 'request'): Response {
  if (error instanceof StudioError) {
    if (error.status >= 500) console.error(`[studio] ${context}: ${error.body.code}: ${redact(String(error.cause ?? error.message))}`);
    return errorJson(error.status, { ...error.body, message: redact(error.body.message) }, error.headers);
  }
  if (error instanceof CatalogueError) {
    // A deployment's model file is broken: say exactly what, for whoever runs the studio.
    console.error(`[studio] ${error.message}`);
    return errorJson(500, { message: `The studio's model catalogue is misconfigured: ${error.message}`, type: 'server_error', param: null, code: 'invalid_model_catalogue' });
  }
  console.error(`[studio] ${context} failed:`, redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return errorJson(500, { message: 'The studio hit an internal error. Try again; if it persists, tell the studio administrator.', type: 'server_error', param: null, code: 'internal_error' });
}
