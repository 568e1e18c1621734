import type { Schedule, ScheduleBody } from '../../shared/queues';
import { getQueueStatus } from '../queues/status';
import { rejectOverlap } from '../schedules/overlap';
import { getSchedule } from '../schedules/store';
import { afterScheduleChange } from './schedule-deps';
import type { ScheduleDeps } from './schedule-deps';

/** Replaces a schedule; autoOpen and isActive keep their values when the body leaves them out. */
export async function updateSchedule(
  deps: ScheduleDeps,
  id: number,
  changes: ScheduleBody,
): Promise<Schedule> {
  const { sequelize } = deps;
  const before = await getSchedule(sequelize, id);
  const body = {
    ...changes,
    autoOpen: changes.autoOpen ?? before.autoOpen,
    isActive: changes.isActive ?? before.isActive,
  };
  const department = await getQueueStatus(sequelize, body.department);
  await sequelize.transaction(async (transaction) => {
    await rejectOverlap(sequelize, transaction, body, id);
    await sequelize.query(
      `UPDATE schedules SET department_id = :departmentId, days_of_week = ARRAY[:days]::int[], start_time = :startTime,
            end_time = :endTime, auto_open = :autoOpen, is_active = :isActive, updated_at = now() WHERE id = :id`,
      {
        replacements: {
          id,
          departmentId: department.id,
          days: body.daysOfWeek,
          startTime: body.startTime,
          endTime: body.endTime,
          autoOpen: body.autoOpen,
          isActive: body.isActive,
        },
        transaction,
      },
    );
  });
  await afterScheduleChange(deps, [before.department, body.department]);
  return getSchedule(sequelize, id);
}
