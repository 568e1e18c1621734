import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { NotificationStats, NotificationType } from '../../shared/notifications';

interface StatsRow {
  total: number;
  pending: number;
  sent: number;
  delivered: number;
  failed: number;
  read: number;
  push_sent: number;
  push_delivered: number;
  push_failed: number;
  email_sent: number;
  email_failed: number;
  sms_sent: number;
  sms_failed: number;
}

/**
 * Counts by delivery status, and by channel: a push `delivered` is one the service worker or app
 * confirmed after a push reached it; email and SMS count what their servers accepted or refused.
 */
export async function notificationStats(
  sequelize: Sequelize,
  filter: { department?: string | undefined; since?: Date | undefined; type?: NotificationType | undefined },
): Promise<NotificationStats> {
  const [row] = await sequelize.query<StatsRow>(
    `WITH picked AS (
       SELECT n.id, n.delivery_status, n.read_at, n.push_outcome, n.delivered_via FROM notifications n
        WHERE (:department::text IS NULL OR n.department_id = (SELECT id FROM departments WHERE code = :department))
          AND (:since::timestamptz IS NULL OR n.created_at >= :since)
          AND (:type::text IS NULL OR n.type = :type)),
     follow_ups AS (
       SELECT count(*) FILTER (WHERE f.channel = 'email' AND f.status = 'sent')::int AS email_sent,
              count(*) FILTER (WHERE f.channel = 'email' AND f.status = 'failed')::int AS email_failed,
              count(*) FILTER (WHERE f.channel = 'sms' AND f.status = 'sent')::int AS sms_sent,
              count(*) FILTER (WHERE f.channel = 'sms' AND f.status = 'failed')::int AS sms_failed
         FROM notification_channels f JOIN picked p ON p.id = f.notification_id)
     SELECT count(*)::int AS total,
            count(*) FILTER (WHERE delivery_status = 'pending')::int AS pending,
            count(*) FILTER (WHERE delivery_status = 'sent')::int AS sent,
            count(*) FILTER (WHERE delivery_status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE delivery_status = 'failed')::int AS failed,
            count(*) FILTER (WHERE read_at IS NOT NULL)::int AS read,
            count(*) FILTER (WHERE push_outcome = 'sent' AND delivered_via IS DISTINCT FROM 'push')::int AS push_sent,
            count(*) FILTER (WHERE delivered_via = 'push')::int AS push_delivered,
            count(*) FILTER (WHERE push_outcome = 'failed')::int AS push_failed,
            (SELECT email_sent FROM follow_ups) AS email_sent, (SELECT email_failed FROM follow_ups) AS email_failed,
            (SELECT sms_sent FROM follow_ups) AS sms_sent, (SELECT sms_failed FROM follow_ups) AS sms_failed
       FROM picked`,
    {
      replacements: {
        department: filter.department ?? null,
        since: filter.since ?? null,
        type: filter.type ?? null,
      },
      type: QueryTypes.SELECT,
    },
  );
  const r = row as StatsRow;
  return {
    total: r.total,
    pending: r.pending,
    sent: r.sent,
    delivered: r.delivered,
    failed: r.failed,
    read: r.read,
    byChannel: {
      push: { sent: r.push_sent, delivered: r.push_delivered, failed: r.push_failed },
      email: { sent: r.email_sent, failed: r.email_failed },
      sms: { sent: r.sms_sent, failed: r.sms_failed },
    },
  };
}
