import type { Sequelize, Transaction } from 'sequelize';
import type { ScheduleBody } from '../../shared/queues';
import { conflict } from '../errors';
import { windowsOverlap } from './plan';
import { listSchedules, toWindow } from './store';

/** Two active schedules of one department may not cover the same minute of the week. */
export async function rejectOverlap(
  sequelize: Sequelize,
  transaction: Transaction,
  body: ScheduleBody,
  exceptId: number | null,
): Promise<void> {
  // Serialise schedule changes per department, so two overlapping schedules saved at once cannot both pass.
  await sequelize.query(`SELECT 1 FROM departments WHERE code = :code FOR UPDATE`, {
    replacements: { code: body.department },
    transaction,
  });
  if (body.isActive === false) return;
  const others = await listSchedules(
    sequelize,
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
