import { randomBytes } from 'node:crypto';
import type { Database, Sql } from '../db/types';
import type { Cursor } from '../gallery/repository';

/**
 * Runs in the database: one row each (its status, who holds its lease, what it kept)
 * and its numbered events. Every write of a run's status goes with the event that
 * announces it, in one statement, followed by a NOTIFY that other instances listen to.
 */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'];
export const isTerminal = (status: RunStatus) => status !== 'queued' && status !== 'running';

export type RunError = { message: string; type: string; param: string | null; code: string | null; status: number; retry_after: number | null };

/** Why an interrupted run ended. */
export const INTERRUPTED: RunError = {
  message: 'The studio instance running this stopped before it finished, so nothing was charged. Run it again.',
  type: 'server_error', param: null, code: 'run_interrupted', status: 503, retry_after: null,
};

export type RunRecord = {
  id: string;
  creator: string;
  creatorName: string;
  status: RunStatus;
  endpoint: 'generations' | 'edits' | 'variations';
  model: string;
  prompt: string | null;
  options: Record<string, unknown>;
  n: number;
  estimatedUsd: number | null;
  costUsd: number | null;
  ledgerId: number | null;
  groupId: string | null;
  groupKind: 'compare' | 'batch' | null;
  groupIndex: number | null;
  instanceId: string;
  cancelRequested: boolean;
  error: RunError | null;
  galleryIds: string[];
  lastSeq: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** One event of a run: `data` is the JSON text sent as the event's data. */
export type RunEvent = { seq: number; type: string; data: string };

export const RUN_ID = /^run_[0-9a-f]{32}$/;
export const GROUP_ID = /^grp_[0-9a-f]{32}$/;
let counter = 0;
/** Time-ordered ids, so runs created in the same millisecond keep the order they were made in. */
export const newRunId = () => `run_${Date.now().toString(16).padStart(12, '0')}${(counter++ & 0xffff).toString(16).padStart(4, '0')}${randomBytes(8).toString('hex')}`;
export const newGroupId = () => `grp_${randomBytes(16).toString('hex')}`;

/** The channel every instance listens on: "<run id> <seq> <creator>" for each event. */
export const EVENTS_CHANNEL = 'studio_run_events';
/** "<run id>": someone asked to cancel a run, its instance should stop it. */
export const CANCEL_CHANNEL = 'studio_run_cancel';
/** A slot may have freed: instances look at the queue again. */
export const QUEUE_CHANNEL = 'studio_run_queue';

type Row = {
  id: string; creator: string; creator_name: string; status: RunStatus; endpoint: RunRecord['endpoint']; model: string; prompt: string | null;
  options: Record<string, unknown>; n: number; estimated_usd: number | null; cost_usd: number | null; ledger_id: string | null; group_id: string | null;
  group_kind: RunRecord['groupKind']; group_index: number | null; instance_id: string; cancel_requested: boolean; error: RunError | null;
  gallery_ids: string[]; last_seq: number; created_at: Date | string; started_at: Date | string | null; finished_at: Date | string | null;
};

const date = (value: Date | string | null) => (value === null ? null : new Date(value));

function fromRow(row: Row): RunRecord {
  return {
    id: row.id, creator: row.creator, creatorName: row.creator_name, status: row.status, endpoint: row.endpoint, model: row.model, prompt: row.prompt,
    options: row.options, n: row.n, estimatedUsd: row.estimated_usd, costUsd: row.cost_usd, ledgerId: row.ledger_id === null ? null : Number(row.ledger_id),
    groupId: row.group_id, groupKind: row.group_kind, groupIndex: row.group_index, instanceId: row.instance_id, cancelRequested: row.cancel_requested,
    error: row.error, galleryIds: row.gallery_ids, lastSeq: row.last_seq, createdAt: date(row.created_at)!, startedAt: date(row.started_at), finishedAt: date(row.finished_at),
  };
}

export type NewRun = {
  id: string; creator: string; creatorName: string; endpoint: RunRecord['endpoint']; model: string; prompt: string | null; options: Record<string, unknown>;
  n: number; estimatedUsd: number | null; ledgerId: number | null; groupId: string | null; groupKind: RunRecord['groupKind']; groupIndex: number | null;
};

const notifyEvent = (tx: Sql, run: { id: string; creator: string }, seq: number) => tx.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, `${run.id} ${seq} ${run.creator}`]);

/**
 * Inserts runs (all or none), each with its first event, `run.queued` (written by
 * `queuedEvent` from the inserted record), and looks at the queue in the same
 * transaction, so a run that may start starts without another round trip.
 */
export async function insertRuns(db: Database, runs: NewRun[], instanceId: string, leaseMs: number, limits: QueueLimits, statusEvent: (run: RunRecord) => RunEvent) {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [QUEUE_LOCK]);
    const inserted: RunRecord[] = [];
    for (const r of runs) {
      const { rows } = await tx.query<Row>(
        `insert into runs (id, creator, creator_name, status, endpoint, model, prompt, options, n, estimated_usd, ledger_id, group_id, group_kind, group_index, instance_id, lease_until, last_seq)
         values ($1, $2, $3, 'queued', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, clock_timestamp() + $15 * interval '1 millisecond', 1) returning *`,
        [r.id, r.creator, r.creatorName, r.endpoint, r.model, r.prompt, JSON.stringify(r.options), r.n, r.estimatedUsd, r.ledgerId, r.groupId, r.groupKind, r.groupIndex, instanceId, leaseMs],
      );
      const record = fromRow(rows[0]!);
      const event = statusEvent(record);
      await tx.query('insert into run_events (run_id, seq, type, data) values ($1, $2, $3, $4)', [record.id, event.seq, event.type, event.data]);
      await notifyEvent(tx, record, event.seq);
      inserted.push(record);
    }
    return { inserted, ...(await admitLocked(tx, instanceId, limits, statusEvent)) };
  });
}

export async function findRun(db: Sql, id: string): Promise<RunRecord | null> {
  const { rows } = await db.query<Row>('select * from runs where id = $1', [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export type RunListFilters = { creator: string; statuses?: RunStatus[]; groupId?: string };

/** A person's runs, newest first, a page at a time (keyset on created_at, id). */
export async function listRuns(db: Sql, filters: RunListFilters, limit: number, cursor?: Cursor): Promise<RunRecord[]> {
  const params: unknown[] = [filters.creator];
  const where = ['creator = $1'];
  if (filters.statuses?.length) where.push(`status = any($${params.push(filters.statuses)}::text[])`);
  if (filters.groupId) where.push(`group_id = $${params.push(filters.groupId)}`);
  if (cursor) where.push(`(created_at, id) < ($${params.push(cursor.createdAt)}::timestamptz, $${params.push(cursor.id)})`);
  const { rows } = await db.query<Row>(`select * from runs where ${where.join(' and ')} order by created_at desc, id desc limit $${params.push(limit)}`, params);
  return rows.map(fromRow);
}

/** Each queued run's place in the team's queue (1 = next to start). */
export async function queuePositions(db: Sql, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; position: number }>(
    `select r.id, (select count(*)::int from runs q where q.status = 'queued' and (q.created_at, q.id) < (r.created_at, r.id)) + 1 as position
     from runs r where r.id = any($1::text[]) and r.status = 'queued'`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.position]));
}

/** Events after `after`, in order. */
export async function eventsAfter(db: Sql, runId: string, after: number): Promise<RunEvent[]> {
  const { rows } = await db.query<RunEvent>('select seq, type, data from run_events where run_id = $1 and seq > $2 order by seq', [runId, after]);
  return rows;
}

export type Transition = {
  status?: RunStatus;
  error?: RunError | null;
  galleryIds?: string[];
  costUsd?: number | null;
};

/**
 * Appends an event written by the instance that holds the run, with the status change
 * it announces, if any. Returns the updated run, or null when the run is no longer this
 * instance's to write (it ended, or its lease passed and another instance marked it
 * interrupted): the caller must then stop.
 */
export async function appendEvent(db: Sql, runId: string, instanceId: string, event: RunEvent, change: Transition = {}): Promise<RunRecord | null> {
  const { rows } = await db.query<Row>(
    `with u as (
       update runs set last_seq = $2,
         status = coalesce($5::text, status),
         started_at = case when $5::text = 'running' then clock_timestamp() else started_at end,
         finished_at = case when $5::text in ('completed', 'failed', 'cancelled', 'interrupted') then clock_timestamp() else finished_at end,
         error = case when $6::boolean then $7::jsonb else error end,
         gallery_ids = coalesce($8::text[], gallery_ids),
         cost_usd = case when $9::boolean then $10::float8 else cost_usd end
       where id = $1 and instance_id = $11 and status in ('queued', 'running')
       returning *),
     e as (insert into run_events (run_id, seq, type, data) select id, $2, $3, $4 from u)
     select u.*, pg_notify($12, u.id || ' ' || $2 || ' ' || u.creator) from u`,
    [
      runId, event.seq, event.type, event.data, change.status ?? null, 'error' in change, change.error ? JSON.stringify(change.error) : null,
      change.galleryIds ?? null, 'costUsd' in change, change.costUsd ?? null, instanceId, EVENTS_CHANNEL,
    ],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * Starts what the queue allows: walking every waiting run in order (oldest first), a run
 * may start while its person has fewer than `perPerson` running and the team fewer than
 * `team`. Only this instance's runs are started here (it holds their requests); an
 * admissible run of another instance keeps its slot, and `others` says to wake them.
 * Serialised across instances by an advisory lock.
 */
const QUEUE_LOCK = 724_311_907; // arbitrary, fixed: "image studio run queue"

export type QueueLimits = { perPerson: number; team: number };

export async function admit(db: Database, instanceId: string, limits: QueueLimits, startedEvent: (run: RunRecord) => RunEvent) {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [QUEUE_LOCK]);
    return admitLocked(tx, instanceId, limits, startedEvent);
  });
}

async function admitLocked(tx: Sql, instanceId: string, limits: QueueLimits, startedEvent: (run: RunRecord) => RunEvent) {
  const { rows } = await tx.query<Row>("select * from runs where status in ('queued', 'running') order by created_at, id");
  const perPerson = new Map<string, number>();
  let team = 0;
  for (const r of rows)
    if (r.status === 'running') {
      team++;
      perPerson.set(r.creator, (perPerson.get(r.creator) ?? 0) + 1);
    }
  const mine: RunRecord[] = [];
  let others = false;
  for (const r of rows) {
    if (team >= limits.team) break;
    if (r.status !== 'queued' || (perPerson.get(r.creator) ?? 0) >= limits.perPerson) continue;
    team++;
    perPerson.set(r.creator, (perPerson.get(r.creator) ?? 0) + 1);
    if (r.instance_id === instanceId) mine.push(fromRow(r));
    else others = true;
  }
  const started: RunRecord[] = [];
  for (const run of mine) {
    const event = startedEvent({ ...run, status: 'running', lastSeq: run.lastSeq + 1, startedAt: new Date() });
    const updated = await appendEvent(tx, run.id, instanceId, event, { status: 'running' });
    if (updated) started.push(updated);
  }
  return { started, others };
}

/** Renews this instance's leases; returns the ids of its runs someone asked to cancel. */
export async function renewLeases(db: Sql, instanceId: string, leaseMs: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string; cancel_requested: boolean }>(
    `update runs set lease_until = clock_timestamp() + $2 * interval '1 millisecond'
     where instance_id = $1 and status in ('queued', 'running') returning id, cancel_requested`,
    [instanceId, leaseMs],
  );
  return rows.filter((r) => r.cancel_requested).map((r) => r.id);
}

/**
 * Marks runs whose instance stopped renewing their lease (it died) as interrupted, each
 * with its last event, and returns them so their reservations can be released.
 * `all` takes every run not of `instanceId` (an embedded database has one process, so
 * any other instance's runs are already dead).
 */
export async function interruptAbandoned(db: Database, instanceId: string, all: boolean, interruptedEvent: (run: RunRecord) => RunEvent): Promise<RunRecord[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>(
      `select * from runs where status in ('queued', 'running') and (lease_until < clock_timestamp() ${all ? 'or instance_id <> $1' : 'and $1::text is not null'})
       order by created_at for update skip locked`,
      [instanceId],
    );
    const out: RunRecord[] = [];
    for (const row of rows) {
      const run = fromRow(row);
      const error = INTERRUPTED;
      const event = interruptedEvent({ ...run, status: 'interrupted', error, lastSeq: run.lastSeq + 1, finishedAt: new Date() });
      const updated = await appendEvent(tx, run.id, run.instanceId, event, { status: 'interrupted', error });
      if (updated) out.push(updated);
    }
    return out;
  });
}

/** Asks the instance holding a run to cancel it (it hears at once, or at its next lease renewal). */
export async function requestCancel(db: Sql, runId: string): Promise<void> {
  await db.query('update runs set cancel_requested = true where id = $1 and status in ($2, $3)', [runId, 'queued', 'running']);
  await db.query('select pg_notify($1, $2)', [CANCEL_CHANNEL, runId]);
}

/** Partial images are kept a while after a run ends (late watchers), then dropped. */
export async function prunePartials(db: Sql, olderThanMs: number): Promise<void> {
  await db.query(
    `delete from run_events e using runs r where e.run_id = r.id and r.finished_at < clock_timestamp() - $1 * interval '1 millisecond' and e.type like '%.partial_image'`,
    [olderThanMs],
  );
}
