import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { OUTBOX_CHANNEL } from '../notifications/fanout';

/**
 * Puts failed notifications back in the outbox with a fresh set of attempts (their last error cleared),
 * optionally for one department, and tells every server process to deliver them at once. Devices that
 * already accepted one are not sent it again (push_sent_to is kept). Returns how many were queued.
 */
export async function retryFailed(sequelize: Sequelize, departmentId: number | null): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    const [row] = await sequelize.query<{ count: number }>(
      `WITH queued AS (
         UPDATE notifications SET
             push_status = 'pending',
             push_attempts = 0,
             next_attempt_at = now(),
             lease_until = NULL,
             last_error = NULL,
             delivery_status = CASE WHEN delivery_status = 'failed' THEN 'pending' ELSE delivery_status END
          WHERE (delivery_status = 'failed' OR push_status = 'failed')
            AND (:id::bigint IS NULL OR department_id = :id)
         RETURNING 1)
       SELECT count(*)::int AS count FROM queued`,
      { replacements: { id: departmentId }, type: QueryTypes.SELECT, transaction },
    );
    const count = row?.count ?? 0;
    // Delivered on commit, to every server process LISTENing on the outbox channel.
    if (count > 0) await sequelize.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', 'retry')`, { transaction });
    return count;
  });
}
