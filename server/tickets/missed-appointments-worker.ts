import type { Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { createDueSweeper } from '../util/due-sweeper';
import type { DueSweeper } from '../util/due-sweeper';
import { markMissedAppointments, nextMissedInMs } from './missed-appointments';

export interface MissedAppointmentsWorkerOptions {
  sequelize: Sequelize;
  logger: Logger;
  clock: Clock;
  /** The departments of the bookings this process marked missed (each booking once across every process). */
  onMissed?(departments: string[]): void;
  /** Longest sleep between sweeps (default 60 s): new bookings are seen by then, or at once on wake(). */
  idleCheckMs?: number;
  batchSize?: number;
}

/** `wake()` sweeps now and plans again (a booking was made or moved). */
export type MissedAppointmentsWorker = DueSweeper;

/**
 * Marks bookings not checked in 15 minutes after their time as `missed`, from the server: it sleeps until
 * the earliest booked time's window closes (read from the database, so every process plans from the same
 * rows), sweeps, and claims each booking with a conditional update, once across processes.
 */
export function createMissedAppointmentsWorker(
  options: MissedAppointmentsWorkerOptions,
): MissedAppointmentsWorker {
  const { sequelize, clock } = options;
  return createDueSweeper({
    onError: (error) => options.logger.error({ err: error }, 'missed-appointment sweep failed; will retry'),
    idleMs: options.idleCheckMs ?? 60_000,
    batch: options.batchSize ?? 100,
    async sweepBatch(batch) {
      const missed = await markMissedAppointments(sequelize, clock.now(), batch);
      if (missed.length > 0) options.onMissed?.([...new Set(missed.map((booking) => booking.department))]);
      return missed.length;
    },
    nextDueInMs: () => nextMissedInMs(sequelize, clock.now()),
  });
}
