import { isTerminal, type RunEvent, type RunRecord, type RunStatus } from './store';

/**
 * The runs API's wire shapes, modelled on OpenAI's background responses: a run object
 * (`object: "image.run"`) and its events, each carrying `sequence_number` and sent with
 * that number as the event id.
 */
export function runJson(run: RunRecord, queuePosition: number | null = null) {
  return {
    id: run.id,
    object: 'image.run' as const,
    status: run.status,
    endpoint: run.endpoint,
    model: run.model,
    prompt: run.prompt,
    options: run.options,
    n: run.n,
    creator: run.creatorName,
    creator_id: run.creator,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    completed_at: run.finishedAt?.toISOString() ?? null,
    estimated_cost_usd: run.estimatedUsd,
    cost_usd: run.costUsd,
    gallery_ids: run.galleryIds,
    error: run.error,
    group: run.groupId ? { id: run.groupId, kind: run.groupKind, index: run.groupIndex } : null,
    /** Place in the team's queue while queued (1 = next), else null. */
    queue_position: run.status === 'queued' ? queuePosition : null,
    cancel_requested: run.cancelRequested,
    last_sequence_number: run.lastSeq,
  };
}
export type RunJson = ReturnType<typeof runJson>;

/** The event announcing a status: `run.queued`, `run.in_progress`, `run.completed`, … */
export const STATUS_EVENT: Record<RunStatus, string> = {
  queued: 'run.queued',
  running: 'run.in_progress',
  completed: 'run.completed',
  failed: 'run.failed',
  cancelled: 'run.cancelled',
  interrupted: 'run.interrupted',
};
const TERMINAL_EVENTS = new Set(Object.entries(STATUS_EVENT).filter(([s]) => isTerminal(s as RunStatus)).map(([, e]) => e));
export const isTerminalEvent = (type: string) => TERMINAL_EVENTS.has(type);

/** A status event for `run` (whose `lastSeq` is the new event's number). */
export function statusEvent(run: RunRecord): RunEvent {
  const type = STATUS_EVENT[run.status];
  return { seq: run.lastSeq, type, data: JSON.stringify({ type, sequence_number: run.lastSeq, run: runJson(run) }) };
}

/** The image events a JSON answer (no stream) stands for: one `….completed` per image. */
export const COMPLETED_EVENT: Record<RunRecord['endpoint'], string> = {
  generations: 'image_generation.completed',
  edits: 'image_edit.completed',
  variations: 'image_variation.completed',
};

/** One event on the wire: its sequence number as the id, then the Images API's own lines. */
export function sseFrame(event: RunEvent): string {
  const data = event.data.split('\n').map((line) => `data: ${line}`).join('\n');
  return `id: ${event.seq}\nevent: ${event.type}\n${data}\n\n`;
}
