import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { CHECK_IN_CLOSES_MINUTES_AFTER } from '../../shared/appointments';

const CLOSES_MS = CHECK_IN_CLOSES_MINUTES_AFTER * 60_000;

/**
 * Marks `missed` the bookings whose check-in window closed before `now`, a batch at a time; the ids
 * marked, with their departments. The conditional update is the claim: with several processes sweeping
 * at once, each booking is marked by one of them, and a check-in holding the row (FOR UPDATE) is
 * skipped, not overwritten.
 */
export async function markMissedAppointments(
  sequelize: Sequelize,
  now: Date,
  batch: number,
): Promise<Array<{ id: number; department: string }>> {
  const rows = await sequelize.query<{ id: number; department: string }>(
    `UPDATE appointments SET status = 'missed', updated_at = now()
      WHERE id IN (SELECT id FROM appointments WHERE status = 'booked' AND at < :cutoff
                    ORDER BY at LIMIT :batch FOR UPDATE SKIP LOCKED)
        AND status = 'booked'
     RETURNING id, (SELECT code FROM departments WHERE id = department_id) AS department`,
    { replacements: { cutoff: new Date(now.getTime() - CLOSES_MS), batch }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({ id: Number(row.id), department: row.department }));
}

/** Milliseconds from `now` until the next booking's window closes, or null with no booking left. */
export async function nextMissedInMs(sequelize: Sequelize, now: Date): Promise<number | null> {
  const [row] = await sequelize.query<{ at: Date | null }>(
    `SELECT min(at) AS at FROM appointments WHERE status = 'booked'`,
    { type: QueryTypes.SELECT },
  );
  if (!row?.at) return null;
  return new Date(row.at).getTime() + CLOSES_MS - now.getTime();
}
