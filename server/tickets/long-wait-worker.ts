import type { Sequelize } from 'sequelize';
import type { TicketLongWaitEvent } from '../../shared/tickets';
import type { Logger } from '../logger';
import { createDueSweeper } from '../util/due-sweeper';
import type { DueSweeper } from '../util/due-sweeper';
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

/** `wake()` sweeps now (tests; or a threshold was lowered). */
export type LongWaitWorker = DueSweeper;

/**
 * Tells staff about tickets that have waited longer than their department allows, from the server,
 * whether or not any console is open: it sleeps until the next ticket's due time (or idleCheckMs, to
 * pick up new tickets and thresholds), sweeps, and claims each alert once in the database.
 */
export function createLongWaitWorker(options: LongWaitWorkerOptions): LongWaitWorker {
  const { sequelize } = options;
  return createDueSweeper({
    onError: (error) => options.logger.error({ err: error }, 'long-wait sweep failed; will retry'),
    idleMs: options.idleCheckMs ?? 30_000,
    batch: options.batchSize ?? 100,
    async sweepBatch(batch) {
      const events = await claimLongWaits(sequelize, batch);
      events.forEach(options.onLongWait);
      return events.length;
    },
    nextDueInMs: () => nextLongWaitInMs(sequelize),
  });
}
