import { QueryTypes } from 'sequelize';
import type { Schedule, ScheduleBody } from '../../shared/queues';
import { getQueueStatus } from '../queues/status';
import { rejectOverlap } from '../schedules/overlap';
import { getSchedule } from '../schedules/store';
import { afterScheduleChange } from './schedule-deps';
import type { ScheduleDeps } from './schedule-deps';

export async function createSchedule(deps: ScheduleDeps, body: ScheduleBody): Promise<Schedule> {
  const { sequelize } = deps;
  const department = await getQueueStatus(sequelize, body.department);
  const row = await sequelize.transaction(async (transaction) => {
    await rejectOverlap(sequelize, transaction, body, null);
    const [inserted] = await sequelize.query<{ id: number }>(
      `INSERT INTO schedules (department_id, days_of_week, start_time, end_time, auto_open, is_active)
     VALUES (:departmentId, ARRAY[:days]::int[], :startTime, :endTime, :autoOpen, :isActive) RETURNING id`,
      {
        replacements: {
          departmentId: department.id,
          days: body.daysOfWeek,
          startTime: body.startTime,
          endTime: body.endTime,
          autoOpen: body.autoOpen ?? false,
          isActive: body.isActive ?? true,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return inserted;
  });
  await afterScheduleChange(deps, [body.department]);
  return getSchedule(sequelize, Number(row?.id));
}
