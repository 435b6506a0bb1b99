import { createParser } from 'eventsource-parser';
import type { RunJson } from '../runs/run-json';
import { ApiRequestError, errorFrom } from './api-error';

/**
 * The browser's side of the runs API: create a run (or a group), follow its events from
 * a sequence number (reconnecting by itself with `starting_after` when the connection
 * drops), cancel it, list them.
 */
export type { RunJson };
export type RunEventMessage = { seq: number; type: string; data: Record<string, unknown> };
export type CreatedRuns = { runs: RunJson[]; group: { id: string; kind: 'compare' | 'batch' } | null };

export const isActive = (status: string) => status === 'queued' || status === 'running';
const TERMINAL = /^run\.(completed|failed|cancelled|interrupted)$/;

/** JSON (generations, compare, batch) or a multipart form (edits, variations: `endpoint` in the form). */
export async function createRuns(body: Record<string, unknown> | FormData): Promise<CreatedRuns> {
  const form = body instanceof FormData;
  const response = await fetch('/api/v1/runs', {
    method: 'POST',
    headers: form ? {} : { 'content-type': 'application/json' },
    body: form ? body : JSON.stringify(body),
  });
  if (!response.ok) throw await errorFrom(response);
  const answer = (await response.json()) as RunJson | { object: 'list'; group: CreatedRuns['group']; data: RunJson[] };
  return 'data' in answer ? { runs: answer.data, group: answer.group } : { runs: [answer], group: null };
}

export async function cancelRun(id: string): Promise<RunJson> {
  const response = await fetch(`/api/v1/runs/${id}/cancel`, { method: 'POST' });
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as RunJson;
}

/** One run as it stands, or null when it is gone (deleted, someone else's). */
export async function readRun(id: string): Promise<RunJson | null> {
  const response = await fetch(`/api/v1/runs/${id}`, { cache: 'no-store' });
  return response.ok ? ((await response.json()) as RunJson) : null;
}

export async function listRuns(query: Record<string, string>): Promise<{ data: RunJson[]; next_cursor: string | null }> {
  const response = await fetch(`/api/v1/runs?${new URLSearchParams(query)}`, { cache: 'no-store' });
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as { data: RunJson[]; next_cursor: string | null };
}

/**
 * Follows a run's events after `after` until its final event, or until `signal` aborts.
 * A dropped connection is picked up again from the last event seen.
 */
export async function followRun(id: string, after: number, onEvent: (event: RunEventMessage) => void, signal: AbortSignal): Promise<void> {
  let last = after;
  let failures = 0;
  while (!signal.aborted) {
    let ended = false;
    try {
      const response = await fetch(`/api/v1/runs/${id}/events?starting_after=${last}`, { headers: { accept: 'text/event-stream' }, signal, cache: 'no-store' });
      if (!response.ok) throw await errorFrom(response);
      const parser = createParser({
        onEvent(message) {
          const seq = Number(message.id);
          if (!(seq > last)) return;
          last = seq;
          failures = 0;
          const type = message.event ?? '';
          onEvent({ seq, type, data: JSON.parse(message.data) as Record<string, unknown> });
          if (TERMINAL.test(type)) ended = true;
        },
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      if (ended) return;
    } catch (error) {
      if (signal.aborted) return;
      // A run that is not there (deleted, someone else's) will not come back.
      if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) throw error;
    }
    // The stream ended without the run's end (an instance restarting, a proxy's timeout): go on from here.
    failures++;
    await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(failures, 5))));
  }
}
