import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Schedule } from '../../shared/queues';
import { notFound } from '../errors';
import type { ScheduleWindow } from './plan';
import { scheduledCloseAt } from './plan';

export const SCHEDULES_CHANNEL = 'queuebell_schedules';

interface ScheduleRow {
  id: number;
  code: string;
  department_id: number;
  days_of_week: number[];
  start_time: string;
  end_time: string;
  auto_open: boolean;
  is_active: boolean;
}

export function presentSchedule(row: ScheduleRow): Schedule {
  return {
    id: Number(row.id),
    department: row.code,
    daysOfWeek: row.days_of_week.map(Number),
    startTime: row.start_time.slice(0, 5),
    endTime: row.end_time.slice(0, 5),
    autoOpen: row.auto_open,
    isActive: row.is_active,
  };
}

export function toWindow(schedule: Schedule): ScheduleWindow {
  return {
    daysOfWeek: schedule.daysOfWeek,
    startTime: schedule.startTime,
    endTime: schedule.endTime,
    autoOpen: schedule.autoOpen,
  };
}

export async function listSchedules(
  sequelize: Sequelize,
  filter: { department?: string | undefined; id?: number; activeOnly?: boolean },
  transaction?: Transaction,
): Promise<Schedule[]> {
  const rows = await sequelize.query<ScheduleRow>(
    `SELECT s.id, d.code, s.department_id, s.days_of_week, s.start_time::text, s.end_time::text, s.auto_open, s.is_active
       FROM schedules s JOIN departments d ON d.id = s.department_id
      WHERE (:department::text IS NULL OR d.code = :department) AND (:id::bigint IS NULL OR s.id = :id)
        AND (NOT :activeOnly OR s.is_active)
      ORDER BY d.code, s.start_time, s.id`,
    {
      replacements: {
        department: filter.department ?? null,
        id: filter.id ?? null,
        activeOnly: filter.activeOnly ?? false,
      },
      type: QueryTypes.SELECT,
      ...(transaction ? { transaction } : {}),
    },
  );
  return rows.map(presentSchedule);
}

export async function getSchedule(sequelize: Sequelize, id: number): Promise<Schedule> {
  const [schedule] = await listSchedules(sequelize, { id });
  if (!schedule) throw notFound('There is no such schedule.');
  return schedule;
}

/**
 * Works out when a department's open queue closes by schedule and keeps it on the queue row (null when
 * closed or when no schedule ends), in the caller's transaction; other processes are told to re-plan.
 */
export async function refreshScheduledClose(
  sequelize: Sequelize,
  transaction: Transaction,
  code: string,
  timeZone: string,
): Promise<void> {
  const [queue] = await sequelize.query<{
    department_id: number;
    is_open: boolean;
    opened_at: Date | null;
    manual_override: boolean;
  }>(
    `SELECT q.department_id, q.is_open, q.opened_at, q.manual_override
       FROM queues q JOIN departments d ON d.id = q.department_id WHERE d.code = :code FOR UPDATE OF q`,
    { replacements: { code }, type: QueryTypes.SELECT, transaction },
  );
  if (!queue) return;
  let closeAt: Date | null = null;
  if (queue.is_open && queue.opened_at) {
    const schedules = await listSchedules(sequelize, { department: code, activeOnly: true }, transaction);
    closeAt = scheduledCloseAt(
      schedules.map(toWindow),
      new Date(queue.opened_at),
      queue.manual_override,
      timeZone,
    );
  }
  await sequelize.query(
    `UPDATE queues SET scheduled_close_at = :closeAt WHERE department_id = :departmentId;
     SELECT pg_notify('${SCHEDULES_CHANNEL}', :code)`,
    { replacements: { closeAt, departmentId: queue.department_id, code }, transaction },
  );
}
