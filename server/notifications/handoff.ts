import { OUTBOX_CHANNEL } from './fanout';

/**
 * Ids of notifications waiting for this process's delivery loops, which claim them by id. A fan-out's rows
 * come here from the expansion that recorded them, and a patient's own notifications (a call to the room)
 * from the NOTIFY that announced them, ahead of the rest.
 *
 * Claiming by id spares these rows the claim's scan of the due index in time order: that scan locks rows
 * one by one, and with the stale statistics of a table that has just grown by a fan-out, the planner
 * sorts every pending row on disk for each batch, several times the work of a claim by id. The ids are
 * only a hint: a row another process claimed first is skipped by the claim, and rows this process never
 * gets to (it stopped or died) are claimed by anyone in time order.
 */
export class Handoff {
  private ids: number[] = [];
  private head = 0;
  private waiting: Array<() => void> = [];

  get size(): number {
    return this.ids.length - this.head;
  }

  add(ids: readonly number[]): void {
    for (const id of ids) this.ids.push(id);
    if (ids.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /** Callers waiting for ids now. */
  get waiters(): number {
    return this.waiting.length;
  }

  /**
   * Resolves on the next add of some ids, or once `until` settles: a wait that ends without ids leaves
   * no waiter behind (a pass waiting for calls ends every few seconds on an idle server).
   */
  added(until?: Promise<unknown>): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      void until?.finally(() => {
        this.waiting = this.waiting.filter((waiter) => waiter !== resolve);
        resolve();
      });
    });
  }

  /** Up to `count` ids, oldest first. */
  take(count: number): number[] {
    const taken = this.ids.slice(this.head, this.head + count);
    this.head += taken.length;
    if (this.head > 4096 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    return taken;
  }

  clear(): void {
    this.ids = [];
    this.head = 0;
  }
}

// NOTIFY payloads are limited to 8,000 bytes; more ids than this are left to the claim in time order.
const MAX_NOTIFIED_IDS = 500;

/** The NOTIFY of the outbox channel naming the new rows of `cte` (a CTE with an `id` column). */
export function notifyNewRowsSql(cte: string): string {
  return `SELECT pg_notify('${OUTBOX_CHANNEL}', CASE WHEN count(*) <= ${MAX_NOTIFIED_IDS}
            THEN 'ids:' || coalesce(string_agg(id::text, ','), '') ELSE 'many' END) FROM ${cte}`;
}

/** The ids of a NOTIFY from notifyNewRowsSql; none for any other payload. */
export function notifiedIds(payload: string | undefined): number[] {
  if (!payload?.startsWith('ids:')) return [];
  return payload
    .slice(4)
    .split(',')
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}
