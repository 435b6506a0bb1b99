import 'server-only';
import { record, refund, release, reserve, settle } from '../budget/ledger';
import { serverConfig } from '../config';
import type { Database } from '../db/types';
import { StudioError } from './errors';

/**
 * One request's spend against the budgets: reserved at its estimate before anything
 * goes upstream (refused with 429 when it would pass a cap), then settled at the cost
 * of the images actually delivered, or released when none were: a failed request costs
 * its person nothing. With no limit configured the spend is still recorded (for the
 * Spend page), but alongside the upstream call rather than in front of it.
 */
export type Charge = {
  /** One delivered image's cost. */
  add(usd: number): void;
  /** Settles or releases; safe to call more than once. */
  finish(): Promise<void>;
  /** What the delivered images cost so far. */
  spent(): number;
  /** The ledger row (null when recording it failed), so a run can release it from any instance. */
  ledgerId(): Promise<number | null>;
  /** Takes the whole charge back, settled or not (a cancelled run keeps nothing and costs nothing). */
  refund(): Promise<void>;
};

export async function openCharge(db: Database, creator: string, estimatedUsd: number, what: { model: string; endpoint: string }): Promise<Charge> {
  const { limits } = serverConfig();
  const unlimited = limits.personDailyUsd === null && limits.teamDailyUsd === null && limits.personPerMinute === null;
  let ledgerId: Promise<number | null>;
  if (unlimited) {
    // Nothing can be refused, so the spend is recorded while the request goes upstream
    // instead of before: no database round trip in front of the first partial image.
    ledgerId = record(db, creator, estimatedUsd, what).catch((error: Error) => {
      console.error('[studio] recording spend failed:', error.message);
      return null;
    });
  } else {
    const reservation = await reserve(db, creator, estimatedUsd, limits, what);
    if (!reservation.ok) {
      const { refusal } = reservation;
      throw new StudioError(
        429,
        { message: refusal.message, type: 'rate_limit_error', param: null, code: refusal.limit === 'person_per_minute' ? 'rate_limit_exceeded' : 'budget_exceeded' },
        { 'retry-after': String(refusal.retryAfterSeconds), 'x-studio-limit': refusal.limit },
      );
    }
    ledgerId = Promise.resolve(reservation.id);
  }
  let total = 0;
  let delivered = 0;
  let finished = false;
  return {
    add(usd) {
      total += usd;
      delivered++;
    },
    async finish() {
      if (finished) return;
      finished = true;
      try {
        const id = await ledgerId;
        if (id === null) return;
        if (delivered > 0) await settle(db, id, total);
        else await release(db, id);
      } catch (error) {
        // The image is already kept and answered; a ledger hiccup must not undo that.
        console.error('[studio] recording spend failed:', (error as Error).message);
      }
    },
    spent: () => total,
    ledgerId: () => ledgerId,
    async refund() {
      finished = true;
      const id = await ledgerId;
      if (id !== null) await refund(db, id);
    },
  };
}
