import { EventEmitter } from 'node:events';
import { DateTime } from 'luxon';
import schedule from 'node-schedule';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { runRetention } from './retention';
import type { RetentionSummary } from './retention';

/** The hour of the hospital's night at which retention runs. */
export const RETENTION_HOUR = 3;

export interface RetentionJobDeps {
  sequelize: Sequelize;
  logger: Logger;
  clock: Clock;
  timeZone: string;
  retentionDays: number;
}

/**
 * `ran`: this process claimed the night and did the work; `skipped`: another process had claimed it;
 * `failed`: the claim or the work failed (logged).
 */
export type RetentionFired =
  { outcome: 'ran'; summary: RetentionSummary } | { outcome: 'skipped' } | { outcome: 'failed' };

export interface RetentionJob {
  start(): void;
  stop(): void;
  /** Plans the next night again from the clock's time (tests move the clock, then call this). */
  replan(): void;
  /** Emits `fired` with a RetentionFired each time the night's job ran here. */
  events: EventEmitter<{ fired: [RetentionFired] }>;
}

/** The next 03:00 in the hospital's time zone after `now`, and the hospital day it belongs to. */
export function nextRetentionAt(now: Date, timeZone: string): { at: Date; day: string } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let next = local.set({ hour: RETENTION_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return { at: next.toJSDate(), day: next.toISODate() ?? '' };
}

/**
 * Retention every night at 03:00 hospital time. Every server process plans it; the first to insert the
 * day's `retention_runs` row does the work, the others see the row and do nothing, so it runs once across
 * processes and restarts. (The work itself is also safe twice: it only removes what is past its time.)
 */
export function createRetentionJob(deps: RetentionJobDeps): RetentionJob {
  const events = new EventEmitter<{ fired: [RetentionFired] }>();
  let job: schedule.Job | null = null;
  let running = false;

  const plan = () => {
    job?.cancel();
    job = null;
    if (!running) return;
    const { at, day } = nextRetentionAt(deps.clock.now(), deps.timeZone);
    // The instant is in the clock's frame; the timer runs on the machine's (they differ only in tests).
    const delay = Math.max(0, at.getTime() - deps.clock.now().getTime());
    job = schedule.scheduleJob(new Date(Date.now() + delay), () => {
      void fire(day).finally(plan);
    });
  };

  const fire = async (day: string) => {
    try {
      const result = await claimAndRun(deps, day);
      events.emit('fired', result);
    } catch (error) {
      deps.logger.error({ err: error }, 'the nightly retention run failed');
      events.emit('fired', { outcome: 'failed' });
    }
  };

  return {
    start() {
      running = true;
      plan();
    },
    stop() {
      running = false;
      job?.cancel();
      job = null;
    },
    replan: plan,
    events,
  };
}

async function claimAndRun(deps: RetentionJobDeps, day: string): Promise<RetentionFired> {
  const { sequelize, logger } = deps;
  const claimed = await sequelize.query<{ run_date: string }>(
    `INSERT INTO retention_runs (run_date) VALUES (:day) ON CONFLICT DO NOTHING RETURNING run_date`,
    { replacements: { day }, type: QueryTypes.SELECT },
  );
  if (claimed.length === 0) return { outcome: 'skipped' };
  const summary = await runRetention(sequelize, { retentionDays: deps.retentionDays, now: deps.clock.now() });
  await sequelize.query(
    `UPDATE retention_runs SET finished_at = now(), summary = CAST(:summary AS jsonb) WHERE run_date = :day`,
    { replacements: { day, summary: JSON.stringify(summary) } },
  );
  logger.info({ retention: summary, day }, 'nightly retention run done');
  return { outcome: 'ran', summary };
}
