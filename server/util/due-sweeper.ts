import { coalesce } from './coalesce';

export interface DueSweeperOptions {
  /** A sweep failed; it is tried again at the next due time. */
  onError(error: unknown): void;
  /** Longest sleep between sweeps: new work is seen by then, or at once on wake(). */
  idleMs: number;
  batch: number;
  /** Claims and handles up to `batch` due rows; answers how many. */
  sweepBatch(batch: number): Promise<number>;
  /** Milliseconds until the next row falls due (the database decides); null for none. */
  nextDueInMs(): Promise<number | null>;
}

export interface DueSweeper {
  start(): void;
  stop(): Promise<void>;
  /** Sweep now and plan again. */
  wake(): void;
}

/**
 * Work that falls due at times the database holds: sweeps batch by batch until a batch comes back short,
 * then sleeps until the next due time (read again, so every process plans from the same rows) or
 * `idleMs`. Each row is claimed in the database, so several processes sweeping do the work once.
 */
export function createDueSweeper(options: DueSweeperOptions): DueSweeper {
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;

  async function sweep(): Promise<void> {
    let handled = options.batch;
    while (!stopped && handled === options.batch) handled = await options.sweepBatch(options.batch);
  }

  async function scheduleNext(): Promise<void> {
    const due = await options.nextDueInMs().catch(() => null);
    clearTimeout(timer);
    if (stopped) return;
    // A little after the due time: the database's clock decides, and a timer may fire early.
    const delay = due === null ? options.idleMs : Math.min(Math.max(due, 0) + 50, options.idleMs);
    timer = setTimeout(() => runner.trigger(), delay);
    timer.unref();
  }

  const runner = coalesce(
    async () => {
      await sweep();
      if (!stopped) await scheduleNext();
    },
    (error) => {
      options.onError(error);
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
