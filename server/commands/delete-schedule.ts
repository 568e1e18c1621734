import { getSchedule } from '../schedules/store';
import { afterScheduleChange } from './schedule-deps';
import type { ScheduleDeps } from './schedule-deps';

export async function deleteSchedule(deps: ScheduleDeps, id: number): Promise<void> {
  const before = await getSchedule(deps.sequelize, id);
  await deps.sequelize.query(`DELETE FROM schedules WHERE id = :id`, { replacements: { id } });
  await afterScheduleChange(deps, [before.department]);
}
