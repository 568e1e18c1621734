import { EventEmitter } from 'node:events';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { listen } from '../db/listener';
import type { Listener } from '../db/listener';
import type { Outbox } from '../context';
import type { Logger } from '../logger';
import { coalesce } from '../util/coalesce';
import type { DeliveryDeps } from './deliver';
import { EXPAND_BATCH } from './expand';
import { OUTBOX_CHANNEL } from './fanout';
import { Handoff, notifiedIds } from './handoff';
import { runPass } from './pass';
import { Precedence } from './precedence';

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
  /** Told of every NOTIFY of new notifications, from any process: a new call may escalate soon. */
  onNotified?: () => void;
  /** Longest a fan-out's next step waits for a call in flight (precedence.ts; default 500 ms). */
  precedenceMaxWaitMs?: number;
}

export interface OutboxWorker extends Outbox {
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
  let stopped = true;
  const precedence = new Precedence(options.precedenceMaxWaitMs);
  const deps: DeliveryDeps = {
    ...options,
    precedence,
    concurrency: options.concurrency ?? 64,
    leaseSeconds: options.leaseSeconds ?? 60,
    // Outcomes learned while the database is away wait for it, until the worker stops: then one more try.
    recording: {
      ...options.recording,
      stopping: () => stopped,
      held: new Set<number>(),
      onRecordFailed: (error) => {
        logger.warn({ err: error }, 'recording delivery outcomes failed; trying again');
        options.recording?.onRecordFailed?.(error);
      },
    },
  };
  const events = new EventEmitter();
  let timer: NodeJS.Timeout | undefined;
  let listener: Listener | undefined;
  // A fan-out's rows recorded here, and a patient's own new notifications, named by their NOTIFY, which are
  // claimed before anything else.
  const handoff = new Handoff();
  const urgent = new Handoff();

  async function pass(): Promise<void> {
    const worked = await runPass({
      sequelize,
      deps,
      expandBatch,
      perLoop,
      deliveryLoops,
      handoff,
      urgent,
      stopped: () => stopped,
      onDelivered: () => events.emit('pass'),
    });
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
    timer = setTimeout(wake, await nextPassDelayMs(sequelize, options.idleCheckMs ?? 15_000));
    timer.unref();
  }

  return {
    wake,
    timeCritical: () => precedence.begin(),
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
          options.onNotified?.();
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

/**
 * Until the next pending notification falls due (its retry time, or the end of a lease a crashed process
 * left), plus a margin; at most `idleMs`, and `idleMs` when nothing is pending or the database is away.
 */
async function nextPassDelayMs(sequelize: Sequelize, idleMs: number): Promise<number> {
  const [row] = await sequelize
    .query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) - now()) * 1000)::int AS ms
         FROM notifications WHERE push_status = 'pending'`,
      { type: QueryTypes.SELECT },
    )
    .catch(() => [{ ms: null }]);
  const ms = row?.ms;
  return ms === null || ms === undefined ? idleMs : Math.min(Math.max(ms, 0) + 5, idleMs);
}
