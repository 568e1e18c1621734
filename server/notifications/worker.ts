import { EventEmitter } from 'node:events';
import { QueryTypes } from 'sequelize';
import { listen } from '../db/listener';
import type { Listener } from '../db/listener';
import type { Logger } from '../logger';
import { coalesce } from '../util/coalesce';
import { deliverBatch, deliverIds } from './deliver';
import type { DeliveryDeps } from './deliver';
import { EXPAND_BATCH, expandNextBatch } from './expand';
import { OUTBOX_CHANNEL } from './fanout';
import { Handoff, notifiedIds } from './handoff';

export interface OutboxWorkerOptions extends Omit<DeliveryDeps, 'concurrency' | 'leaseSeconds'> {
  databaseUrl: string;
  logger: Logger;
  batchSize?: number;
  concurrency?: number;
  leaseSeconds?: number;
  /** Batches delivered at once by this process (default 3), sharing batchSize between them. */
  deliveryLoops?: number;
  /** Longest sleep between passes, to pick up rows whose lease ran out in a crashed process. */
  idleCheckMs?: number;
}

export interface OutboxWorker {
  /** Something was committed to the outbox: run a pass now. */
  wake(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** 'pass' after every pass that did work; 'idle' when a pass found nothing to do. */
  events: EventEmitter;
}

/**
 * Drains the outbox: expands fan-outs into notifications, then delivers due notifications, batch after
 * batch, until nothing is due. It runs when this process commits something (wake), when another process
 * does (LISTEN/NOTIFY), when the next retry falls due, and every idleCheckMs as a safety net.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { sequelize, logger } = options;
  // batchSize is what this process has in flight at most, so also what a crash can make it send twice:
  // the loops share it.
  const batchSize = options.batchSize ?? 500;
  const deliveryLoops = Math.max(1, Math.min(options.deliveryLoops ?? 3, batchSize));
  const perLoop = Math.floor(batchSize / deliveryLoops);
  // Fan-out rows recorded per transaction: small delivery batches (tests) make the processes of a cluster
  // take turns on small fan-outs too.
  const expandBatch = Math.min(EXPAND_BATCH, batchSize * 10);
  const deps: DeliveryDeps = {
    ...options,
    concurrency: options.concurrency ?? 64,
    leaseSeconds: options.leaseSeconds ?? 60,
  };
  const events = new EventEmitter();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let listener: Listener | undefined;
  // A fan-out's rows recorded here, and a patient's own new notifications, named by their NOTIFY, which are
  // claimed before anything else.
  const handoff = new Handoff();
  const urgent = new Handoff();

  async function pass(): Promise<void> {
    let worked = false;
    let expanding = true;
    let batchExpanded = deferred();
    // A large fan-out's first notifications go out while the rest are still being recorded: recording is
    // PostgreSQL's work, sending mostly this process's. The recorded rows' ids go to this process's
    // delivery, which claims them by id (see handoff.ts); in a cluster, the processes take turns recording.
    const expansion = (async () => {
      // After another process was found expanding, wait for its batch instead of skipping it, so that
      // each process records, and then sends, its share.
      let wait = false;
      try {
        while (!stopped) {
          const expanded = await expandNextBatch(sequelize, { batch: expandBatch, wait });
          if (expanded.kind === 'done') break;
          wait = expanded.kind === 'busy';
          if (expanded.kind === 'busy') continue;
          worked = true;
          handoff.add(expanded.ids);
          const batchDone = batchExpanded;
          batchExpanded = deferred();
          batchDone.resolve();
        }
      } finally {
        expanding = false;
        batchExpanded.resolve();
      }
    })();
    const delivered = (count: number) => {
      if (count === 0) return;
      worked = true;
      events.emit('pass');
    };
    // Several batches in flight at once: SKIP LOCKED gives each loop its own rows, and one batch's
    // database round trips and slowest push overlap the others' sending instead of idling the CPU.
    const deliverLoop = async () => {
      while (!stopped) {
        // Read before the claim: rows that a batch commits after it are claimed on the next turn.
        const mayGrow = expanding;
        const nextBatch = batchExpanded.promise;
        const ids = urgent.size > 0 ? urgent.take(perLoop) : handoff.take(perLoop);
        if (ids.length > 0) {
          delivered(await deliverIds(deps, ids));
          continue;
        }
        const count = await deliverBatch(deps, perLoop);
        delivered(count);
        if (count > 0) continue;
        if (!mayGrow) return;
        await nextBatch;
      }
    };
    await Promise.all([expansion, ...Array.from({ length: deliveryLoops }, deliverLoop)]);
    events.emit(worked ? 'pass' : 'idle');
  }

  const runner = coalesce(
    async () => {
      await pass();
      if (!stopped) await scheduleNext();
    },
    (error) => {
      logger.error({ err: error }, 'notification worker pass failed; will retry');
      events.emit('error-pass', error);
      if (!stopped) void scheduleNext();
    },
  );
  runner.stop(); // inert until start()
  const wake = () => runner.trigger();

  async function scheduleNext(): Promise<void> {
    clearTimeout(timer);
    const idle = options.idleCheckMs ?? 15_000;
    const [row] = await sequelize
      .query<{ ms: number | null }>(
        `SELECT (extract(epoch FROM min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) - now()) * 1000)::int AS ms
           FROM notifications WHERE push_status = 'pending'`,
        { type: QueryTypes.SELECT },
      )
      .catch(() => [{ ms: null }]);
    const delay = row?.ms === null || row?.ms === undefined ? idle : Math.min(Math.max(row.ms, 0) + 5, idle);
    timer = setTimeout(wake, delay);
    timer.unref();
  }

  return {
    wake,
    events,
    async start() {
      stopped = false;
      runner.start();
      listener = await listen({
        databaseUrl: options.databaseUrl,
        channel: OUTBOX_CHANNEL,
        logger,
        onNotify: (payload) => {
          urgent.add(notifiedIds(payload));
          wake();
        },
      });
      wake();
    },
    async stop() {
      stopped = true;
      handoff.clear();
      urgent.clear();
      runner.stop();
      clearTimeout(timer);
      await runner.settled();
      await listener?.close();
    },
  };
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
