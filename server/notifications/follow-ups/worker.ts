import { EventEmitter } from 'node:events';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Logger } from '../../logger';
import { coalesce } from '../../util/coalesce';
import { deliverFollowUps } from './deliver';
import type { FollowUpDeps } from './deliver';
import { escalateDue } from './escalate';

export interface FollowUpWorkerOptions extends Omit<FollowUpDeps, 'concurrency' | 'leaseSeconds'> {
  logger: Logger;
  /** Emails and texts claimed per batch (default 50). */
  batchSize?: number;
  concurrency?: number;
  leaseSeconds?: number;
  /** Longest sleep between passes, to pick up another process's rows and leases that ran out. */
  idleCheckMs?: number;
}

export interface FollowUpWorker {
  start(): void;
  stop(): Promise<void>;
  /** Run a pass now: something was queued. */
  wake(): void;
  /** Something may have a due time sooner than the one planned (a new call): plan again. */
  replan(): void;
  /** 'pass' after every pass that did work; 'idle' when a pass found nothing to do. */
  events: EventEmitter;
}

/**
 * Escalates calls that nobody confirmed and sends the emails and texts due, in its own loop beside the
 * push outbox: a slow mail server never holds up a push, and a 100,000-patient fan-out never holds up an
 * escalation. It runs when woken, at the next due time the database holds, and every idleCheckMs.
 */
export function createFollowUpWorker(options: FollowUpWorkerOptions): FollowUpWorker {
  const { sequelize, logger } = options;
  const batchSize = options.batchSize ?? 50;
  let stopped = true;
  const deps: FollowUpDeps = {
    ...options,
    concurrency: options.concurrency ?? 10,
    leaseSeconds: options.leaseSeconds ?? 60,
    recording: {
      stopping: () => stopped,
      onRecordFailed: (error) =>
        logger.warn({ err: error }, 'recording email/SMS outcomes failed; trying again'),
    },
  };
  const available = { email: options.channels.email !== undefined, sms: options.channels.sms !== undefined };
  const events = new EventEmitter();
  let timer: NodeJS.Timeout | undefined;

  async function pass(): Promise<boolean> {
    let worked = false;
    while (!stopped) {
      const escalated = await escalateDue(sequelize, available, batchSize);
      if (escalated.unreached.length > 0) options.onUnreached(escalated.unreached);
      if (escalated.escalatedCalls.length > 0) options.onCallsChanged?.(escalated.escalatedCalls);
      const sent = await deliverFollowUps(deps, batchSize);
      if (escalated.claimed + sent === 0) break;
      worked = true;
    }
    return worked;
  }

  const runner = coalesce(
    async () => {
      const worked = await pass();
      events.emit(worked ? 'pass' : 'idle');
      if (!stopped) await scheduleNext();
    },
    (error) => {
      logger.error({ err: error }, 'email/SMS worker pass failed; will retry');
      if (!stopped) void scheduleNext();
    },
  );
  runner.stop();
  const wake = () => runner.trigger();
  const planner = coalesce(scheduleNext, () => undefined);
  planner.stop();

  async function scheduleNext(): Promise<void> {
    const delay = await nextDueInMs(sequelize, options.idleCheckMs ?? 15_000);
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(wake, delay);
    timer.unref();
  }

  return {
    events,
    wake,
    replan: () => planner.trigger(),
    start() {
      stopped = false;
      runner.start();
      planner.start();
      wake();
    },
    async stop() {
      stopped = true;
      runner.stop();
      planner.stop();
      clearTimeout(timer);
      await runner.settled();
      await planner.settled();
    },
  };
}

/** Until the next escalation or email/SMS falls due (or a lease runs out), plus a margin; at most idleMs. */
async function nextDueInMs(sequelize: Sequelize, idleMs: number): Promise<number> {
  const [row] = await sequelize
    .query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM least(
                 (SELECT min(escalate_at) FROM notifications WHERE escalate_at IS NOT NULL),
                 (SELECT min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at)))
                    FROM notification_channels WHERE status = 'pending')) - now()) * 1000)::int AS ms`,
      { type: QueryTypes.SELECT },
    )
    .catch(() => [{ ms: null }]);
  const ms = row?.ms;
  return ms === null || ms === undefined ? idleMs : Math.min(Math.max(ms, 0) + 5, idleMs);
}
