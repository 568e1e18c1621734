import { QueryTypes } from 'sequelize';
import type { Transaction } from 'sequelize';
import type { Schedule, ScheduleBody } from '../../shared/queues';
import type { AppContext } from '../context';
import { conflict, notFound } from '../errors';
import { getQueueStatus } from '../queues/status';
import { windowsOverlap } from '../schedules/plan';
import { listSchedules, refreshScheduledClose, toWindow } from '../schedules/store';

/** Two active schedules of one department may not cover the same minute of the week. */
async function rejectOverlap(
  ctx: AppContext,
  transaction: Transaction,
  body: ScheduleBody,
  exceptId: number | null,
): Promise<void> {
  // Serialise schedule changes per department, so two overlapping schedules saved at once cannot both pass.
  await ctx.sequelize.query(`SELECT 1 FROM departments WHERE code = :code FOR UPDATE`, {
    replacements: { code: body.department },
    transaction,
  });
  if (body.isActive === false) return;
  const others = await listSchedules(
    ctx.sequelize,
    { department: body.department, activeOnly: true },
    transaction,
  );
  const candidate = toWindow({ id: 0, ...body, autoOpen: body.autoOpen ?? false, isActive: true });
  const clash = others.find((other) => other.id !== exceptId && windowsOverlap(candidate, toWindow(other)));
  if (clash) {
    throw conflict(
      'schedule_overlap',
      `This overlaps schedule ${clash.id} (${clash.startTime}–${clash.endTime}) of ${body.department}.`,
      { schedule: clash },
    );
  }
}

async function afterChange(ctx: AppContext, codes: string[]): Promise<void> {
  for (const code of new Set(codes)) {
    await ctx.sequelize.transaction((transaction) =>
      refreshScheduledClose(ctx.sequelize, transaction, code, ctx.config.timeZone),
    );
    ctx.realtime.queueStatus(await getQueueStatus(ctx.sequelize, code));
  }
  ctx.scheduler.refresh();
}

export async function createSchedule(ctx: AppContext, body: ScheduleBody): Promise<Schedule> {
  const department = await getQueueStatus(ctx.sequelize, body.department);
  const row = await ctx.sequelize.transaction(async (transaction) => {
    await rejectOverlap(ctx, transaction, body, null);
    const [inserted] = await ctx.sequelize.query<{ id: number }>(
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
  await afterChange(ctx, [body.department]);
  return getSchedule(ctx, Number(row?.id));
}

export async function getSchedule(ctx: AppContext, id: number): Promise<Schedule> {
  const [schedule] = await listSchedules(ctx.sequelize, { id });
  if (!schedule) throw notFound('There is no such schedule.');
  return schedule;
}

export async function updateSchedule(ctx: AppContext, id: number, changes: ScheduleBody): Promise<Schedule> {
  const before = await getSchedule(ctx, id);
  const body = {
    ...changes,
    autoOpen: changes.autoOpen ?? before.autoOpen,
    isActive: changes.isActive ?? before.isActive,
  };
  const department = await getQueueStatus(ctx.sequelize, body.department);
  await ctx.sequelize.transaction(async (transaction) => {
    await rejectOverlap(ctx, transaction, body, id);
    await ctx.sequelize.query(
      `UPDATE schedules SET department_id = :departmentId, days_of_week = ARRAY[:days]::int[], start_time = :startTime,
            end_time = :endTime, auto_open = :autoOpen, is_active = :isActive, updated_at = now() WHERE id = :id`,
      {
        replacements: {
          id,
          departmentId: department.id,
          days: body.daysOfWeek,
          startTime: body.startTime,
          endTime: body.endTime,
          autoOpen: body.autoOpen ?? before.autoOpen,
          isActive: body.isActive ?? before.isActive,
        },
        transaction,
      },
    );
  });
  await afterChange(ctx, [before.department, body.department]);
  return getSchedule(ctx, id);
}

export async function deleteSchedule(ctx: AppContext, id: number): Promise<void> {
  const before = await getSchedule(ctx, id);
  await ctx.sequelize.query(`DELETE FROM schedules WHERE id = :id`, { replacements: { id } });
  await afterChange(ctx, [before.department]);
}
