import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Identity } from '../auth/identity';
import { release } from '../budget/ledger';
import type { Database } from '../db/types';
import { gallery } from '../gallery/instance';
import type { Gallery } from '../gallery/gallery';
import { beginImageRequest, sendImageRequest, type BegunRequest, type CheckedRequest } from '../images/image-request';
import { StudioError, fromUpstream } from '../images/errors';
import { upstreamClientFor } from '../images/upstream';
import { frameData, frameEventName, isCommentFrame, SseFramer } from '../images/sse-frames';
import { RunHub } from './hub';
import { eventData } from './event-data';
import { COMPLETED_EVENT, statusEvent } from './run-json';
import { runSettings } from './settings';
import {
  admit, appendEvent, CANCEL_CHANNEL, findRun, insertRuns, interruptAbandoned, newRunId, prunePartials, QUEUE_CHANNEL, renewLeases, requestCancel,
  INTERRUPTED, type RunError, type RunEvent, type RunRecord, type RunStatus, type Transition,
} from './store';

/**
 * Runs: image requests that belong to the server, not to a connection. A run is checked
 * and its estimate reserved when it is created (so it is refused then, exactly as the
 * Images API routes refuse), waits in the team's queue, and is sent upstream through
 * the same `sendImageRequest` as those routes when its turn comes, with its own abort
 * signal: a watcher leaving stops nothing; only cancel does. It executes on the
 * instance that accepted it, which holds its lease while it lives.
 */
type Pending = {
  id: string;
  checked: CheckedRequest;
  begun: BegunRequest;
  origin: string;
  controller: AbortController;
  /** Set once its turn came. */
  execution: Promise<void> | null;
  /** The last event number written. */
  seq: number;
};

export type NewRunRequest = { checked: CheckedRequest; group?: { id: string; kind: 'compare' | 'batch'; index: number } };

export class Runner {
  readonly instanceId = `inst_${randomBytes(8).toString('hex')}`;
  readonly hub: RunHub;
  private readonly pending = new Map<string, Pending>();
  /** Per run, its last event write: the next waits for it, and the run's end for all. */
  private readonly persist = new Map<string, Promise<unknown>>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private admitting: Promise<void> | null = null;
  private admitAgain = false;
  private draining = false;

  constructor(readonly db: Database, private readonly gallery: Gallery) {
    this.hub = new RunHub(db);
  }

  async start() {
    await this.hub.start();
    await this.db.listen(CANCEL_CHANNEL, (id) => {
      if (this.pending.has(id)) void this.cancelHere(id);
    });
    await this.db.listen(QUEUE_CHANNEL, () => void this.kick(), () => void this.kick());
    // An embedded database belongs to one process: any run it holds from before was
    // abandoned by a process that is gone.
    await this.reap(this.db.kind === 'pglite');
    const { leaseMs } = runSettings();
    const every = Math.max(200, Math.floor(leaseMs / 3));
    this.timers.push(
      setInterval(() => void this.renew(), every),
      setInterval(() => void this.reap(false), every),
      setInterval(() => void prunePartials(this.db, 10 * 60_000).catch(() => {}), 10 * 60_000),
    );
    for (const t of this.timers) t.unref();
    void this.kick();
  }

  /**
   * Creates runs (all or none): each is reserved against the budgets as the Images API
   * routes reserve, then stored as queued. A refusal of one releases the others.
   */
  async create(who: Identity, requests: NewRunRequest[], origin: string): Promise<RunRecord[]> {
    if (this.draining) throw new StudioError(503, { message: 'This studio instance is shutting down. Try again in a moment.', type: 'server_error', param: null, code: 'shutting_down' });
    const begun: BegunRequest[] = [];
    try {
      for (const r of requests) begun.push(await beginImageRequest(who, r.checked));
    } catch (error) {
      await Promise.all(begun.map((b) => b.charge.finish()));
      throw error;
    }
    const ids = requests.map(() => newRunId());
    const settings = runSettings();
    const ledgerIds = await Promise.all(begun.map((b) => b.charge.ledgerId()));
    // Held here before they are stored: the queue may start one the moment it is.
    ids.forEach((id, i) => {
      this.pending.set(id, { id, checked: requests[i]!.checked, begun: begun[i]!, origin, controller: new AbortController(), execution: null, seq: 1 });
      this.hub.beginLocal(id, []);
    });
    let created: Awaited<ReturnType<typeof insertRuns>>;
    try {
      created = await insertRuns(
        this.db,
        requests.map(({ checked, group }, i) => {
          const { prompt, model, ...options } = checked.request;
          void model;
          return {
            id: ids[i]!, creator: who.id, creatorName: who.name, endpoint: checked.endpoint, model: checked.model.id, prompt: prompt ?? null, options,
            n: checked.request.n ?? 1, estimatedUsd: checked.estimate?.usd ?? null, ledgerId: ledgerIds[i] ?? null,
            groupId: group?.id ?? null, groupKind: group?.kind ?? null, groupIndex: group?.index ?? null,
          };
        }),
        this.instanceId,
        settings.leaseMs,
        settings,
        statusEvent,
      );
    } catch (error) {
      for (const id of ids) {
        this.pending.delete(id);
        this.hub.endLocal(id);
      }
      await Promise.all(begun.map((b) => b.charge.finish()));
      throw error;
    }
    for (const record of created.inserted) this.hub.publishLocal(record.id, statusEvent(record));
    // Those the queue let through start now, before the answer; the answer says which.
    for (const run of created.started) this.begin(run);
    if (created.others) this.wakeOtherInstances();
    const started = new Map(created.started.map((r) => [r.id, r]));
    return created.inserted.map((r) => started.get(r.id) ?? r);
  }

  /** Looks at the queue again (now, and once more if asked while looking). */
  kick(): Promise<void> {
    if (this.draining) return Promise.resolve();
    if (this.admitting) {
      this.admitAgain = true;
      return this.admitting;
    }
    this.admitting = (async () => {
      do {
        this.admitAgain = false;
        try {
          const { perPerson, team } = runSettings();
          const { started, others } = await admit(this.db, this.instanceId, { perPerson, team }, statusEvent);
          for (const run of started) this.begin(run);
          if (others) this.wakeOtherInstances();
        } catch (error) {
          console.error('[studio] run queue:', (error as Error).message);
        }
      } while (this.admitAgain && !this.draining);
      this.admitting = null;
    })();
    return this.admitting;
  }

  private begin(run: RunRecord) {
    const p = this.pending.get(run.id);
    if (!p) {
      // Cancelled while the queue was starting it: it ends without going upstream.
      void this.endRun(run, run.lastSeq + 1, { status: 'cancelled' }).catch(() => {});
      return;
    }
    p.seq = run.lastSeq;
    this.hub.publishLocal(run.id, statusEvent(run));
    p.execution = this.execute(p).finally(() => {
      this.pending.delete(p.id);
      this.hub.endLocal(p.id);
      // A slot is free: this instance and the others look at the queue again.
      this.kick();
      this.wakeOtherInstances();
    });
  }

  /** Other instances look at the queue again (a slot freed, or one of their runs may start). */
  private wakeOtherInstances() {
    void this.db.query('select pg_notify($1, $2)', [QUEUE_CHANNEL, this.instanceId]).catch(() => {});
  }

  /**
   * Ends a run with the event announcing it (number `seq`): watchers here hear it at once;
   * stored only while the run is still this instance's.
   */
  private async endRun(run: RunRecord, seq: number, change: Transition & { status: RunStatus }) {
    const event = statusEvent({ ...run, ...change, lastSeq: seq, finishedAt: new Date() });
    this.hub.publishLocal(run.id, event);
    await appendEvent(this.db, run.id, this.instanceId, event, change);
    return event;
  }

  /** Hands an event to watchers here at once, then stores it (in order, one write after another per run). */
  private emit(p: Pending, type: string, data: string) {
    const event: RunEvent = { seq: ++p.seq, type, data };
    this.hub.publishLocal(p.id, event);
    // Stored in order, one after another; a failed write stops the run (it is no longer ours).
    const previous = this.persist.get(p.id) ?? Promise.resolve();
    const write = previous.then(() =>
      appendEvent(this.db, p.id, this.instanceId, event).then((row) => {
        if (!row) p.controller.abort();
      }),
    );
    this.persist.set(p.id, write.catch(() => {}));
  }

  private async execute(p: Pending) {
    let error: RunError | null = null;
    const galleryIds: string[] = [];
    try {
      // The client is made here, from this module's own SDK: errors it throws must be the
      // classes `fromUpstream` here knows (see `runner()`).
      const response = await sendImageRequest(p.checked, p.begun, upstreamClientFor(p.origin), p.controller.signal, p.origin);
      if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) error = await this.relayEvents(p, response, galleryIds);
      else await this.jsonEvents(p, response, galleryIds);
    } catch (caught) {
      const e = caught instanceof StudioError ? caught : fromUpstream(caught, p.checked.model.id);
      error = { ...e.body, status: e.status, retry_after: Number(e.headers?.['retry-after']) || null };
    }
    const cancelled = p.controller.signal.aborted;
    let status: RunStatus = cancelled ? 'cancelled' : error ? 'failed' : 'completed';
    if (cancelled) {
      // Cancel keeps nothing and costs nothing.
      await Promise.allSettled(galleryIds.map((id) => this.gallery.remove(id)));
      await p.begun.charge.refund().catch(() => {});
      error = null;
    } else await p.begun.charge.finish();
    await this.persist.get(p.id);
    this.persist.delete(p.id);
    const current = await findRun(this.db, p.id);
    if (!current) return;
    if (current.status !== 'running' && current.status !== 'queued') return;
    if (status === 'completed' && galleryIds.length === 0) {
      status = 'failed';
      error = { message: 'The image service answered without an image. Try again.', type: 'server_error', param: null, code: 'no_image', status: 502, retry_after: null };
    }
    const ended = cancelled ? { galleryIds: [], costUsd: null } : { galleryIds, costUsd: p.begun.charge.spent() };
    p.seq += 1;
    await this.endRun(current, p.seq, { status, error, ...ended }).catch((e: Error) => console.error('[studio] ending a run failed:', e.message));
  }

  /** Reads the relayed stream (already saved image by image) and records its events. */
  private async relayEvents(p: Pending, response: Response, galleryIds: string[]): Promise<RunError | null> {
    const framer = new SseFramer();
    let error: RunError | null = null;
    const handle = (frame: Uint8Array[]) => {
      if (isCommentFrame(frame)) return;
      const name = frameEventName(frame) ?? '';
      if (name === 'error') {
        const body = (frameData(frame) as { error?: Omit<RunError, 'status' | 'retry_after'> } | null)?.error;
        if (body) error = { ...body, status: 502, retry_after: null };
        return;
      }
      // A completed image goes without its bytes: the gallery keeps them, and image_url
      // points there. Watchers load the final image once, from the gallery, live or replayed.
      const completed = name.endsWith('.completed');
      const data = eventData(frame, { withoutImage: completed });
      if (completed) {
        const event = JSON.parse(data) as Record<string, unknown>;
        if (typeof event.gallery_id === 'string') galleryIds.push(event.gallery_id);
      }
      this.emit(p, name, data);
    };
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const frame of framer.push(value)) handle(frame);
    }
    const rest = framer.flush();
    if (rest) handle(rest);
    return error;
  }

  /** A JSON answer (no stream, or variations): one completed event per image. */
  private async jsonEvents(p: Pending, response: Response, galleryIds: string[]) {
    const answer = (await response.json()) as { data?: Array<Record<string, unknown>>; usage?: unknown } & Record<string, unknown>;
    const { data = [], ...meta } = answer;
    const type = COMPLETED_EVENT[p.checked.endpoint];
    for (const image of data) {
      if (typeof image.gallery_id === 'string') galleryIds.push(image.gallery_id);
      const event: Record<string, unknown> = { type, ...meta, ...image };
      const { b64_json, ...kept } = event;
      void b64_json;
      this.emit(p, type, JSON.stringify(kept));
    }
  }

  /**
   * Cancels a run of `who`'s: here at once when this instance holds it, else by asking the
   * instance that does and waiting (briefly) until it has.
   */
  async cancel(runId: string): Promise<RunRecord | null> {
    if (this.pending.has(runId)) {
      await this.cancelHere(runId);
      return findRun(this.db, runId);
    }
    await requestCancel(this.db, runId);
    const deadline = Date.now() + 5000;
    for (;;) {
      const run = await findRun(this.db, runId);
      if (!run || (run.status !== 'queued' && run.status !== 'running') || Date.now() > deadline) return run;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async cancelHere(runId: string, as: 'cancelled' | 'interrupted' = 'cancelled') {
    const p = this.pending.get(runId);
    if (!p) return;
    if (p.execution) {
      p.controller.abort();
      return void (await p.execution);
    }
    // Still queued: nothing went upstream. It ends here, instantly and free.
    this.pending.delete(runId);
    await p.begun.charge.refund().catch(() => {});
    const current = await findRun(this.db, runId);
    if (current && current.status === 'queued') {
      const error = as === 'interrupted' ? { ...INTERRUPTED, message: 'The studio was restarted before this run’s turn came, so nothing was sent or charged. Run it again.' } : null;
      p.seq += 1;
      await this.endRun(current, p.seq, { status: as, error });
    }
    this.hub.endLocal(runId);
    this.kick();
  }

  private async renew() {
    try {
      for (const id of await renewLeases(this.db, this.instanceId, runSettings().leaseMs)) void this.cancelHere(id);
    } catch (error) {
      console.error('[studio] renewing run leases failed:', (error as Error).message);
    }
  }

  /** Marks runs of instances that stopped renewing their lease as interrupted, and releases their reservations. */
  private async reap(all: boolean) {
    try {
      const reaped = await interruptAbandoned(this.db, this.instanceId, all, statusEvent);
      for (const run of reaped) if (run.ledgerId !== null) await release(this.db, run.ledgerId);
      if (reaped.length) {
        console.log(`[studio] ${reaped.length} run(s) of a stopped instance marked interrupted`);
        this.kick();
      }
    } catch (error) {
      console.error('[studio] checking run leases failed:', (error as Error).message);
    }
  }

  /**
   * Shutting down (SIGTERM): runs in flight finish and are kept; queued runs that have
   * not started end `interrupted` (their people see "Run again"), and nothing new starts.
   */
  async drain() {
    this.draining = true;
    const queued = [...this.pending.values()].filter((p) => !p.execution).map((p) => p.id);
    await Promise.allSettled(queued.map((id) => this.cancelHere(id, 'interrupted')));
    await Promise.allSettled([...this.pending.values()].map((p) => p.execution));
    for (const t of this.timers) clearInterval(t);
    this.hub.closeWatchers();
  }

}

const holder = globalThis as typeof globalThis & { __imageStudioRunner?: Promise<Runner>; __imageStudioDrain?: Array<() => Promise<void>> };

/**
 * This process's runner, started on first use by the runs routes (the feed and the
 * header's count ask at once on any page). Not from instrumentation.ts: a production
 * build may hold a module more than once (instrumentation is a bundle of its own), so
 * the runner makes its own SDK client rather than taking a route's, and StudioError is
 * recognised by brand.
 */
export function runner(): Promise<Runner> {
  holder.__imageStudioRunner ??= (async () => {
    const g = await gallery();
    const r = new Runner(g.db, g);
    await r.start();
    // scripts/serve.mjs awaits these on SIGTERM before it exits.
    (holder.__imageStudioDrain ??= []).push(() => r.drain());
    return r;
  })().catch((error: unknown) => {
    holder.__imageStudioRunner = undefined;
    throw error;
  });
  return holder.__imageStudioRunner;
}
