import type { Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { coalesce } from '../util/coalesce';
import { markMissedAppointments, nextMissedInMs } from './missed-appointments';

export interface MissedAppointmentsWorkerOptions {
  sequelize: Sequelize;
  logger: Logger;
  clock: Clock;
  /** The bookings this process marked missed (each once across every process). */
  onMissed?(ids: number[]): void;
  /** Longest sleep between sweeps (default 60 s): new bookings are seen by then, or at once on wake(). */
  idleCheckMs?: number;
  batchSize?: number;
}

export interface MissedAppointmentsWorker {
  start(): void;
  stop(): Promise<void>;
  /** Sweep now and plan again (a booking was made or moved). */
  wake(): void;
}

/**
 * Marks bookings not checked in 15 minutes after their time as `missed`, from the server: it sleeps until
 * the earliest booked time's window closes (read from the database, so every process plans from the same
 * rows), sweeps, and claims each booking with a conditional update, once across processes.
 */
export function createMissedAppointmentsWorker(
  options: MissedAppointmentsWorkerOptions,
): MissedAppointmentsWorker {
  const { sequelize, logger, clock } = options;
  const idleMs = options.idleCheckMs ?? 60_000;
  const batch = options.batchSize ?? 100;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;

  async function sweep(): Promise<void> {
    let marked = batch;
    while (!stopped && marked === batch) {
      const ids = await markMissedAppointments(sequelize, clock.now(), batch);
      if (ids.length > 0) options.onMissed?.(ids);
      marked = ids.length;
    }
  }

  async function scheduleNext(): Promise<void> {
    const due = await nextMissedInMs(sequelize, clock.now()).catch(() => null);
    clearTimeout(timer);
    if (stopped) return;
    // A little after the due time: a timer may fire a hair early.
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
      logger.error({ err: error }, 'missed-appointment sweep failed; will retry');
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
