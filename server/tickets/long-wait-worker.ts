import type { Sequelize } from 'sequelize';
import type { TicketLongWaitEvent } from '../../shared/tickets';
import type { Logger } from '../logger';
import { coalesce } from '../util/coalesce';
import { claimLongWaits, nextLongWaitInMs } from './long-wait';

export interface LongWaitWorkerOptions {
  sequelize: Sequelize;
  logger: Logger;
  /** Each claimed long wait, once across every process: the staff of its department are told. */
  onLongWait(event: TicketLongWaitEvent): void;
  /** Longest sleep between sweeps (default 30 s): new tickets and changed thresholds are seen by then. */
  idleCheckMs?: number;
  batchSize?: number;
}

export interface LongWaitWorker {
  start(): void;
  stop(): Promise<void>;
  /** Sweep now (tests; or a threshold was lowered). */
  wake(): void;
}

/**
 * Tells staff about tickets that have waited longer than their department allows, from the server,
 * whether or not any console is open: it sleeps until the next ticket's due time (or idleCheckMs, to
 * pick up new tickets and thresholds), sweeps, and claims each alert once in the database.
 */
export function createLongWaitWorker(options: LongWaitWorkerOptions): LongWaitWorker {
  const { sequelize, logger } = options;
  const idleMs = options.idleCheckMs ?? 30_000;
  const batch = options.batchSize ?? 100;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;

  async function sweep(): Promise<void> {
    let claimed = batch;
    while (!stopped && claimed === batch) {
      const events = await claimLongWaits(sequelize, batch);
      events.forEach(options.onLongWait);
      claimed = events.length;
    }
  }

  async function scheduleNext(): Promise<void> {
    const due = await nextLongWaitInMs(sequelize).catch(() => null);
    clearTimeout(timer);
    if (stopped) return;
    // A little after the due time: the database's clock decides, and a timer may fire early.
    const delay = due === null ? idleMs : Math.min(Math.max(due, 0) + 50, idleMs);
    timer = setTimeout(() => runner.trigger(), delay);
    timer.unref();
  }

  const runner = coalesce(
    async () => {
      await sweep();
      if (!stopped) await scheduleNext();
    },
    (error) => {
      logger.error({ err: error }, 'long-wait sweep failed; will retry');
      if (!stopped) void scheduleNext();
    },
  );
  runner.stop();

  return {
    wake: () => runner.trigger(),
    start() {
      stopped = false;
      runner.start();
      runner.trigger();
    },
    async stop() {
      stopped = true;
      runner.stop();
      clearTimeout(timer);
      await runner.settled();
    },
  };
}
