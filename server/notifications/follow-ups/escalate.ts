import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { FollowUpChannelName } from '../../channels/types';
import { callOf } from './unreached';
import type { UnreachedCall } from './unreached';

interface EscalatedRow {
  id: number;
  type: string;
  department: string | null;
  data: Record<string, unknown>;
  /** The channel it escalated to; 'none' when a client confirmed it in time; null when none is left. */
  channel: FollowUpChannelName | 'none' | null;
}

/**
 * Escalates time-critical notifications whose due time has passed: by SMS when the patient allows it and
 * has a phone, else by email, when this server has that channel; a confirmed one is left alone. Claiming
 * (clearing `escalate_at`), choosing and queueing the channel are one statement, so across processes and
 * restarts each escalates exactly once, and a crash after it leaves a queued row that is still sent.
 * Answers how many were claimed, the calls that no channel is left for, and the calls it escalated.
 */
export async function escalateDue(
  sequelize: Sequelize,
  available: Record<FollowUpChannelName, boolean>,
  batch: number,
): Promise<{ claimed: number; unreached: UnreachedCall[]; escalatedCalls: UnreachedCall[] }> {
  const rows = await sequelize.query<EscalatedRow>(
    `WITH due AS (
       SELECT n.id,
              CASE WHEN n.delivery_status = 'delivered' THEN 'none'
                   WHEN :sms AND u.sms_enabled AND u.phone IS NOT NULL THEN 'sms'
                   WHEN :email AND u.email_enabled THEN 'email' END AS channel
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.escalate_at <= now()
        ORDER BY n.escalate_at LIMIT :batch
          FOR UPDATE OF n SKIP LOCKED),
     queued AS (
       INSERT INTO notification_channels (notification_id, channel)
       SELECT id, channel FROM due WHERE channel IN ('sms', 'email')
       ON CONFLICT DO NOTHING),
     claimed AS (
       UPDATE notifications n SET escalate_at = NULL,
              delivery_status = CASE WHEN due.channel IS NULL AND n.delivery_status = 'pending' THEN 'failed'
                                     ELSE n.delivery_status END
         FROM due WHERE n.id = due.id
       RETURNING n.id, n.type, n.department_id, n.data, due.channel)
     SELECT c.id, c.type, d.code AS department, c.data, c.channel
       FROM claimed c LEFT JOIN departments d ON d.id = c.department_id`,
    {
      replacements: { sms: available.sms, email: available.email, batch },
      type: QueryTypes.SELECT,
    },
  );
  const unreached = rows.filter((row) => row.channel === null).flatMap((row) => callOf(row) ?? []);
  const escalatedCalls = rows
    .filter((row) => row.channel === 'sms' || row.channel === 'email')
    .flatMap((row) => callOf(row) ?? []);
  return { claimed: rows.length, unreached, escalatedCalls };
}
