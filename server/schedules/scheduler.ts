import schedule from 'node-schedule';
import type { Job } from 'node-schedule';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import type { Scheduler } from '../context';
import { listen } from '../db/listener';
import type { Listener } from '../db/listener';
import type { Logger } from '../logger';
import { overdueQueues } from '../queues/overdue';
import { coalesce } from '../util/coalesce';
import { currentAutoOpenWindow, nextAutoOpen } from './plan';
import { listSchedules, SCHEDULES_CHANNEL, toWindow } from './store';

export interface SchedulerDeps {
  sequelize: Sequelize;
  databaseUrl: string;
  logger: Logger;
  clock: Clock;
  timeZone: string;
  /**
   * The same conditional transitions a nurse uses; a no-op when the queue is already in that state (or,
   * for a close, no longer due). They answer with what happened, for the log.
   */
  close(code: string): Promise<string>;
  open(code: string): Promise<string>;
}

export type { Scheduler };

/**
 * One node-schedule job per open queue's scheduled close and per department's next auto-open, fired at
 * the exact instant. Every process may hold the same jobs: the transitions are conditional updates, so
 * only one close or open happens. Jobs are rebuilt at start-up, on every queue or schedule change (from
 * this process or, through LISTEN, another), and a start-up sweep handles what fell due while down.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { sequelize, logger } = deps;
  let jobs: Job[] = [];
  let listener: Listener | undefined;

  async function closeOverdue(): Promise<string[]> {
    const due = await overdueQueues(sequelize, deps.clock.now());
    for (const { code } of due) await deps.close(code);
    return due.map((queue) => queue.code);
  }

  async function plan(): Promise<void> {
    for (const job of jobs) job.cancel();
    jobs = [];
    for (const queue of await plannedCloses(sequelize))
      at(queue.closeAt, `close ${queue.code}`, () => deps.close(queue.code));
    for (const next of await plannedOpens(sequelize, deps.clock.now(), deps.timeZone))
      at(next.at, `open ${next.code}`, () => deps.open(next.code));
  }

  function at(when: Date, label: string, action: () => Promise<string>): void {
    const run = () => {
      action()
        .then((outcome) => logger.info({ job: label, outcome }, `scheduled ${label}: ${outcome}`))
        .catch((error: unknown) => logger.error({ err: error, job: label }, 'scheduled queue change failed'))
        .finally(() => refresh());
    };
    // Instants are in the server clock's frame; the timer runs on the machine's (they differ only in tests).
    const delay = when.getTime() - deps.clock.now().getTime();
    const job = delay <= 0 ? null : schedule.scheduleJob(new Date(Date.now() + delay), run);
    if (job) jobs.push(job);
    else setImmediate(run);
  }

  const planner = coalesce(plan, (error) => logger.error({ err: error }, 'could not plan schedule jobs'));
  planner.stop(); // inert until start()
  const refresh = () => planner.trigger();

  return {
    closeOverdue,
    refresh,
    async start() {
      const closed = await closeOverdue();
      if (closed.length > 0)
        logger.info({ closed }, 'closed queues whose scheduled end passed while the server was down');
      await openMissed(deps);
      planner.start();
      listener = await listen({
        databaseUrl: deps.databaseUrl,
        channel: SCHEDULES_CHANNEL,
        logger,
        onNotify: refresh,
      });
      refresh();
      await planner.settled();
    },
    async stop() {
      planner.stop();
      await planner.settled();
      for (const job of jobs) job.cancel();
      jobs = [];
      await listener?.close();
    },
  };
}

/** Every open queue with a scheduled close: one close job each. */
async function plannedCloses(sequelize: Sequelize): Promise<Array<{ code: string; closeAt: Date }>> {
  const open = await sequelize.query<{ code: string; scheduled_close_at: Date }>(
    `SELECT d.code, q.scheduled_close_at FROM queues q JOIN departments d ON d.id = q.department_id
      WHERE q.is_open AND q.scheduled_close_at IS NOT NULL`,
    { type: QueryTypes.SELECT },
  );
  return open.map((queue) => ({ code: queue.code, closeAt: new Date(queue.scheduled_close_at) }));
}

/** The next auto-open of every department that has an auto-open schedule: one open job each. */
async function plannedOpens(
  sequelize: Sequelize,
  now: Date,
  timeZone: string,
): Promise<Array<{ code: string; at: Date }>> {
  const schedules = await listSchedules(sequelize, { activeOnly: true });
  const opens: Array<{ code: string; at: Date }> = [];
  for (const code of new Set(schedules.filter((s) => s.autoOpen).map((s) => s.department))) {
    const windows = schedules.filter((s) => s.department === code).map(toWindow);
    const next = nextAutoOpen(windows, now, timeZone);
    if (next) opens.push({ code, at: next.start.toJSDate() });
  }
  return opens;
}

/** Opens at start-up a queue whose auto-open window is running, unless someone changed it since it began. */
async function openMissed(deps: SchedulerDeps): Promise<void> {
  const { sequelize } = deps;
  const schedules = await listSchedules(sequelize, { activeOnly: true });
  const now = deps.clock.now();
  for (const code of new Set(schedules.filter((s) => s.autoOpen).map((s) => s.department))) {
    const windows = schedules.filter((s) => s.department === code).map(toWindow);
    const window = currentAutoOpenWindow(windows, now, deps.timeZone);
    if (!window) continue;
    const [touched] = await sequelize.query(
      `SELECT 1 FROM queue_events e JOIN departments d ON d.id = e.department_id
        WHERE d.code = :code AND e.changed_at >= :since LIMIT 1`,
      { replacements: { code, since: window.start.toJSDate() }, type: QueryTypes.SELECT },
    );
    if (!touched) await deps.open(code);
  }
}
