import 'server-only';
import { z } from 'zod';
import type { Identity } from '../auth/identity';
import { mayManage } from '../auth/require';
import { serverConfig } from '../config';
import { decodeCursor, encodeCursor } from '../gallery/cursor';
import type { Cursor } from '../gallery/repository';
import { readJson } from '../http/read-json';
import { invalidRequest, StudioError } from '../images/errors';
import { checkGeneration, checkUpload } from '../images/image-request';
import { readUploadForm } from '../images/upload-request';
import { loadCatalogue } from '../models/load-catalogue';
import type { NewRunRequest } from './runner';
import { GROUP_LIMITS } from './settings';
import { findRun, newGroupId, RUN_ID, RUN_STATUSES, type RunRecord, type RunStatus } from './store';
import type { Database } from '../db/types';

/**
 * What `POST /api/v1/runs` accepts, read into checked requests:
 * - JSON: a `/images/generations` body, with `"endpoint": "generations"` or none;
 * - JSON `{"compare": [body, …]}`: up to 4 generations side by side (models, qualities, sizes);
 * - JSON `{"batch": {"prompts": [...], …options}}`: up to 50 prompts with one model's options;
 * - multipart: an `/images/edits` or `/images/variations` form plus `endpoint`.
 * Each request is checked exactly as its Images API route checks it.
 */
export async function readRunRequests(request: Request): Promise<{ requests: NewRunRequest[]; group: { id: string; kind: 'compare' | 'batch' } | null }> {
  const type = request.headers.get('content-type') ?? '';
  if (/^multipart\/form-data\b/i.test(type)) {
    const form = await readUploadForm(request, loadCatalogue(), ['edits', 'variations']);
    const endpoint = form.fields.endpoint;
    delete form.fields.endpoint;
    if (endpoint !== 'edits' && endpoint !== 'variations')
      throw invalidRequest('A multipart run needs "endpoint": "edits" or "variations" (a generation is sent as JSON).', 'endpoint', 'invalid_value');
    return { requests: [{ checked: await checkUpload(form, endpoint) }], group: null };
  }
  const body = await readJson(request, serverConfig().maxJsonBytes);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('Send a JSON object.', null, 'invalid_request');
  const { endpoint, compare, batch, ...rest } = body as Record<string, unknown>;
  if (endpoint !== undefined && endpoint !== 'generations')
    throw invalidRequest(`"endpoint": "${String(endpoint)}" is sent as multipart/form-data with its files; JSON runs are generations.`, 'endpoint', 'invalid_value');
  const groupId = newGroupId();
  if (compare !== undefined) return { requests: group('compare', asList(compare, 'compare', GROUP_LIMITS.compare)), group: { id: groupId, kind: 'compare' } };
  if (batch !== undefined) {
    if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) throw invalidRequest('"batch" is an object: {"prompts": [...], "model": …, …options}.', 'batch', 'invalid_value');
    const { prompts, ...options } = batch as Record<string, unknown>;
    const list = asList(prompts, 'batch.prompts', GROUP_LIMITS.batch);
    if (list.some((p) => typeof p !== 'string')) throw invalidRequest('Every prompt of a batch is text.', 'batch.prompts', 'invalid_value');
    return { requests: group('batch', list.map((prompt) => ({ ...options, prompt }))), group: { id: groupId, kind: 'batch' } };
  }
  return { requests: [{ checked: checkGeneration(rest) }], group: null };

  function group(kind: 'compare' | 'batch', bodies: unknown[]): NewRunRequest[] {
    const id = groupId;
    return bodies.map((b, index) => {
      try {
        return { checked: checkGeneration(b), group: { id, kind, index } };
      } catch (error) {
        // Which one was wrong, by its place in the list.
        if (error instanceof StudioError)
          throw new StudioError(error.status, { ...error.body, message: `${kind === 'batch' ? 'Prompt' : 'Run'} ${index + 1}: ${error.body.message}`, param: `${kind}[${index}]${error.body.param ? `.${error.body.param}` : ''}` }, error.headers);
        throw error;
      }
    });
  }
}

function asList(value: unknown, param: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidRequest(`"${param}" is a list of at least one.`, param, 'invalid_value');
  if (value.length > max) throw invalidRequest(`"${param}" holds at most ${max}; it has ${value.length}.`, param, 'invalid_value');
  return value;
}

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
  status: z.string().optional(),
  group: z.string().optional(),
});

export function parseRunListQuery(params: URLSearchParams): { limit: number; cursor?: Cursor; statuses?: RunStatus[]; groupId?: string } {
  const parsed = listQuery.safeParse(Object.fromEntries([...params].filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidRequest(`Invalid ${String(issue.path[0])}: ${issue.message}`, String(issue.path[0]), 'invalid_value');
  }
  const { limit, cursor, status, group } = parsed.data;
  const statuses = status?.split(',').map((s) => s.trim());
  const unknown = statuses?.find((s) => !RUN_STATUSES.includes(s as RunStatus));
  if (unknown !== undefined) throw invalidRequest(`Unknown status "${unknown}"; use ${RUN_STATUSES.join(', ')} (several joined by commas).`, 'status', 'invalid_value');
  let decoded: Cursor | undefined;
  if (cursor) {
    decoded = decodeCursor(cursor, RUN_ID) ?? undefined;
    if (!decoded) throw invalidRequest('This page cursor is not valid; start again from the first page.', 'cursor', 'invalid_cursor');
  }
  return { limit, cursor: decoded, statuses: statuses as RunStatus[] | undefined, groupId: group };
}

export const nextRunCursor = (page: RunRecord[], limit: number) => {
  const last = page[page.length - 1];
  return page.length === limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null;
};

const runNotFound = () => invalidRequest('No such run. It may belong to someone else.', null, 'not_found', 404);

/** A run the caller may see and cancel: their own (admins: anyone's). Anything else is not found. */
export async function ownRun(db: Database, id: string, who: Identity): Promise<RunRecord> {
  if (!RUN_ID.test(id)) throw runNotFound();
  const run = await findRun(db, id);
  if (!run || !mayManage(who, run.creator)) throw runNotFound();
  return run;
}

/** `Last-Event-ID` (a reconnecting EventSource) or `?starting_after=N`, whichever is later. */
export function startingAfter(request: Request): number {
  const fromQuery = new URL(request.url).searchParams.get('starting_after');
  const fromHeader = request.headers.get('last-event-id');
  let after = 0;
  for (const [text, param] of [[fromQuery, 'starting_after'], [fromHeader, 'Last-Event-ID']] as const) {
    if (text === null || text === '') continue;
    if (!/^\d{1,9}$/.test(text.trim())) throw invalidRequest(`${param} is a sequence number (a whole number ≥ 0).`, param === 'starting_after' ? param : null, 'invalid_value');
    after = Math.max(after, Number(text));
  }
  return after;
}
