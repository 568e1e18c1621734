import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';

export interface OverdueQueue {
  code: string;
  scheduledCloseAt: Date;
}

/**
 * Open queues whose scheduled close is at or before `now`, optionally of one department, by code: what
 * the scheduler's start-up sweep and the `auto-close-queues` command close.
 */
export async function overdueQueues(
  sequelize: Sequelize,
  now: Date,
  department?: string,
): Promise<OverdueQueue[]> {
  const rows = await sequelize.query<{ code: string; scheduled_close_at: Date }>(
    `SELECT d.code, q.scheduled_close_at FROM queues q JOIN departments d ON d.id = q.department_id
      WHERE q.is_open AND q.scheduled_close_at <= :now AND (:department::text IS NULL OR d.code = :department)
      ORDER BY d.code`,
    { replacements: { now, department: department ?? null }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({ code: row.code, scheduledCloseAt: new Date(row.scheduled_close_at) }));
}
