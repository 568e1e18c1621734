import type { Sequelize } from 'sequelize';
import { deliverBatch, deliverIds } from './deliver';
import type { DeliveryDeps } from './deliver';
import { expandNextBatch } from './expand';
import type { Handoff } from './handoff';

/** What one pass of the outbox worker works with. */
export interface PassPlan {
  sequelize: Sequelize;
  deps: DeliveryDeps;
  /** Fan-out rows recorded per transaction. */
  expandBatch: number;
  /** Notifications claimed per batch by each delivery loop. */
  perLoop: number;
  deliveryLoops: number;
  /** A fan-out's rows recorded by this process. */
  handoff: Handoff;
  /** A patient's own new notifications, named by their NOTIFY: claimed before anything else. */
  urgent: Handoff;
  stopped(): boolean;
  /** A batch delivered some notifications. */
  onDelivered(): void;
}

/** Whether the expansion may still record rows, and a promise for its next batch. */
interface Progress {
  expanding: boolean;
  next: Deferred;
}

/**
 * One pass: fan-outs are expanded into notifications while delivery loops send what is due, until
 * nothing is. A large fan-out's first notifications go out while the rest are still being recorded:
 * recording is PostgreSQL's work, sending mostly this process's. Answers whether it did any work.
 */
export async function runPass(plan: PassPlan): Promise<boolean> {
  const progress: Progress = { expanding: true, next: deferred() };
  let worked = false;
  const noteWork = () => {
    worked = true;
  };
  const delivered = (count: number) => {
    if (count === 0) return;
    noteWork();
    plan.onDelivered();
  };
  // Several batches in flight at once: SKIP LOCKED gives each loop its own rows, and one batch's
  // database round trips and slowest push overlap the others' sending instead of idling the CPU.
  const loops = Array.from({ length: plan.deliveryLoops }, () => deliverLoop(plan, progress, delivered));
  const bulk = Promise.allSettled([expandAll(plan, progress, noteWork), ...loops]);
  const urgent = urgentLoop(plan, bulk, delivered);
  // A pass ends only once every loop has: a batch still waiting for the database to record what it sent
  // keeps the pass (and so the worker's stop) waiting, even when another loop already failed.
  const ended = [...(await bulk), ...(await Promise.allSettled([urgent]))];
  const failed = ended.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return worked;
}

/**
 * Records fan-outs batch by batch; the recorded rows' ids go to this process's delivery, which claims
 * them by id (see handoff.ts). In a cluster the processes take turns recording: after another process
 * was found expanding, this one waits for that batch instead of skipping it, so that each process
 * records, and then sends, its share.
 */
async function expandAll(plan: PassPlan, progress: Progress, noteWork: () => void): Promise<void> {
  let wait = false;
  try {
    while (!plan.stopped()) {
      // A batch already being recorded goes on; the next waits until no call is in flight (precedence.ts).
      await plan.deps.precedence?.clear();
      const expanded = await expandNextBatch(plan.sequelize, { batch: plan.expandBatch, wait });
      if (expanded.kind === 'done') break;
      wait = expanded.kind === 'busy';
      if (expanded.kind === 'busy') continue;
      noteWork();
      plan.handoff.add(expanded.ids);
      const batchDone = progress.next;
      progress.next = deferred();
      batchDone.resolve();
    }
  } finally {
    progress.expanding = false;
    progress.next.resolve();
  }
}

/** Claims and sends batches (handed-off ids first) until nothing is due and nothing more will be. */
async function deliverLoop(plan: PassPlan, progress: Progress, delivered: (count: number) => void) {
  while (!plan.stopped()) {
    // Read before the claim: rows that a batch commits after it are claimed on the next turn.
    const mayGrow = progress.expanding;
    const nextBatch = progress.next.promise;
    const urgent = plan.urgent.size > 0;
    if (!urgent) await plan.deps.precedence?.clear();
    const ids = (urgent ? plan.urgent : plan.handoff).take(plan.perLoop);
    if (ids.length > 0) {
      delivered(await (urgent ? deliverUrgent(plan, ids) : deliverIds(plan.deps, ids, 'bulk')));
      continue;
    }
    const count = await deliverBatch(plan.deps, plan.perLoop);
    delivered(count);
    if (count > 0) continue;
    if (!mayGrow) return;
    await nextBatch;
  }
}

/**
 * Claims a patient's own new notifications (a call to the room) as soon as their NOTIFY names them, while
 * the other loops are busy with a fan-out's batches: a call then waits for no batch to end. It stops with
 * the pass; after it, the next pass's loops take such ids first.
 */
async function urgentLoop(
  plan: PassPlan,
  bulkEnded: Promise<unknown>,
  delivered: (count: number) => void,
): Promise<void> {
  let ended = false;
  void bulkEnded.then(() => {
    ended = true;
  });
  while (!plan.stopped()) {
    const ids = plan.urgent.take(plan.perLoop);
    if (ids.length > 0) {
      delivered(await deliverUrgent(plan, ids));
      continue;
    }
    if (ended) return;
    await plan.urgent.added(bulkEnded);
  }
}

/** A patient's own notifications, sent ahead of the fan-out (precedence.ts). */
function deliverUrgent(plan: PassPlan, ids: number[]): Promise<number> {
  const deliver = () => deliverIds(plan.deps, ids, 'urgent');
  return plan.deps.precedence?.ahead(deliver) ?? deliver();
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
