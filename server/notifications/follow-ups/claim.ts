import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { FollowUpChannelName } from '../../channels/types';
import { NOTIFICATION_COLUMNS } from '../presenter';
import type { NotificationRow } from '../presenter';

/** An email or SMS this process holds the lease of, with its notification and recipient. */
export interface FollowUpRow extends NotificationRow {
  follow_up_channel: FollowUpChannelName;
  follow_up_attempts: number;
  user_id: number;
  email: string;
  phone: string | null;
  locale: string;
  email_enabled: boolean;
  sms_enabled: boolean;
}

/** Claims due email and SMS rows (SKIP LOCKED, leased): a crashed process's lease runs out and another takes them. */
export async function claimFollowUps(
  sequelize: Sequelize,
  batch: number,
  leaseSeconds: number,
): Promise<FollowUpRow[]> {
  return sequelize.query<FollowUpRow>(
    `WITH due AS (
       SELECT notification_id, channel FROM notification_channels
        WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notification_channels c
          SET lease_until = now() + make_interval(secs => :lease), attempts = c.attempts + 1
         FROM due WHERE c.notification_id = due.notification_id AND c.channel = due.channel
       RETURNING c.notification_id, c.channel, c.attempts)
     SELECT c.channel AS follow_up_channel, c.attempts AS follow_up_attempts, ${NOTIFICATION_COLUMNS},
            n.user_id, u.email, u.phone, u.locale, u.email_enabled, u.sms_enabled
       FROM claimed c JOIN notifications n ON n.id = c.notification_id JOIN users u ON u.id = n.user_id
       LEFT JOIN departments d ON d.id = n.department_id`,
    { replacements: { batch, lease: leaseSeconds }, type: QueryTypes.SELECT },
  );
}
