import type { Database } from '../db/types';
import { EVENTS_CHANNEL, eventsAfter, type RunEvent } from './store';

/**
 * This instance's switchboard for run events. A run executing here keeps its events in
 * memory while it runs and hands each to its watchers at once. A run executing on
 * another instance is followed through the database: its instance NOTIFYs each event
 * it stored, and the hub reads the new ones (once for all its watchers of that run).
 * Watchers dedupe by sequence number, so overlapping reads never show twice.
 */
export type Listener = (event: RunEvent) => void;

export class RunHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Events of runs executing on this instance, in order. */
  private readonly local = new Map<string, RunEvent[]>();
  /** Per followed remote run: the highest sequence number read, and whether a read is due. */
  private readonly remote = new Map<string, { cursor: number; reading: Promise<void> | null; again: boolean }>();

  private readonly watchers = new Set<() => void>();

  constructor(private readonly db: Database) {}

  /** Registers a watcher's stream, closed by `closeWatchers` when this instance shuts down. */
  trackWatcher(close: () => void): () => void {
    this.watchers.add(close);
    return () => this.watchers.delete(close);
  }

  /** Shutting down: watchers reconnect (with Last-Event-ID) to another instance. */
  closeWatchers() {
    for (const close of [...this.watchers]) close();
  }

  async start() {
    await this.db.listen(EVENTS_CHANNEL, (payload) => this.onNotify(payload), () => this.catchUp());
  }

  /** A run starts executing here: its events are kept in memory until `endLocal`. */
  beginLocal(runId: string, events: RunEvent[]) {
    this.local.set(runId, [...events]);
  }

  publishLocal(runId: string, event: RunEvent) {
    const log = this.local.get(runId);
    if (log) {
      // In order, even when a run's first event is published after its start (see Runner.create).
      let at = log.length;
      while (at > 0 && log[at - 1]!.seq > event.seq) at--;
      log.splice(at, 0, event);
    }
    this.deliver(runId, event);
  }

  /** The run's events are all stored: from now on it is read from the database. */
  endLocal(runId: string) {
    const events = this.local.get(runId);
    this.local.delete(runId);
    const last = events?.[events.length - 1]?.seq ?? 0;
    const followed = this.remote.get(runId);
    if (followed) followed.cursor = Math.max(followed.cursor, last);
    else if (this.listeners.has(runId)) this.remote.set(runId, { cursor: last, reading: null, again: false });
  }

  /**
   * Subscribes first, then reads what came before (memory or database), so nothing falls
   * between the two. Returns the backlog after `after` and the unsubscribe function.
   */
  async watch(runId: string, after: number, listener: Listener): Promise<{ backlog: RunEvent[]; stop: () => void }> {
    let set = this.listeners.get(runId);
    if (!set) this.listeners.set(runId, (set = new Set()));
    set.add(listener);
    const stop = () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(runId) === set) {
        this.listeners.delete(runId);
        this.remote.delete(runId);
      }
    };
    try {
      const local = this.local.get(runId);
      if (local) return { backlog: local.filter((e) => e.seq > after), stop };
      if (!this.remote.has(runId)) this.remote.set(runId, { cursor: after, reading: null, again: false });
      const backlog = await eventsAfter(this.db, runId, after);
      const followed = this.remote.get(runId);
      // Everything up to the last event read is stored, so later reads can start there.
      if (followed && backlog.length) followed.cursor = Math.max(followed.cursor, backlog[backlog.length - 1]!.seq);
      return { backlog, stop };
    } catch (error) {
      stop();
      throw error;
    }
  }

  private deliver(runId: string, event: RunEvent) {
    for (const listener of this.listeners.get(runId) ?? []) listener(event);
  }

  private onNotify(payload: string) {
    const runId = payload.split(' ')[0];
    if (!runId || this.local.has(runId) || !this.listeners.has(runId)) return;
    this.read(runId);
  }

  /** After a lost connection: read every followed run again. */
  private catchUp() {
    for (const runId of this.remote.keys()) this.read(runId);
  }

  private read(runId: string) {
    const followed = this.remote.get(runId);
    if (!followed) return;
    if (followed.reading) {
      followed.again = true;
      return;
    }
    followed.reading = (async () => {
      do {
        followed.again = false;
        try {
          for (const event of await eventsAfter(this.db, runId, followed.cursor)) {
            followed.cursor = Math.max(followed.cursor, event.seq);
            this.deliver(runId, event);
          }
        } catch (error) {
          console.error('[studio] reading run events failed:', (error as Error).message);
        }
      } while (followed.again);
      followed.reading = null;
    })();
  }
}
