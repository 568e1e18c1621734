import type { AppContext } from '../context';
import { getQueueStatus } from '../queues/status';
import { refreshScheduledClose } from '../schedules/store';

export type ScheduleDeps = Pick<AppContext, 'sequelize' | 'config' | 'realtime' | 'scheduler'>;

/**
 * After a schedule change commits: each department's queue keeps its new scheduled close, its
 * subscribers see it, and the jobs are planned again.
 */
export async function afterScheduleChange(deps: ScheduleDeps, codes: string[]): Promise<void> {
  for (const code of new Set(codes)) {
    await deps.sequelize.transaction((transaction) =>
      refreshScheduledClose(deps.sequelize, transaction, code, deps.config.timeZone),
    );
    deps.realtime.queueStatus(await getQueueStatus(deps.sequelize, code));
  }
  deps.scheduler.refresh();
}
