import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { NotificationStats, NotificationType } from '../../shared/notifications';

export async function notificationStats(
  sequelize: Sequelize,
  filter: { department?: string | undefined; since?: Date | undefined; type?: NotificationType | undefined },
): Promise<NotificationStats> {
  const [row] = await sequelize.query<NotificationStats>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE delivery_status = 'pending')::int AS pending,
            count(*) FILTER (WHERE delivery_status = 'sent')::int AS sent,
            count(*) FILTER (WHERE delivery_status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE delivery_status = 'failed')::int AS failed,
            count(*) FILTER (WHERE read_at IS NOT NULL)::int AS read
       FROM notifications n
      WHERE (:department::text IS NULL OR n.department_id = (SELECT id FROM departments WHERE code = :department))
        AND (:since::timestamptz IS NULL OR n.created_at >= :since)
        AND (:type::text IS NULL OR n.type = :type)`,
    {
      replacements: {
        department: filter.department ?? null,
        since: filter.since ?? null,
        type: filter.type ?? null,
      },
      type: QueryTypes.SELECT,
    },
  );
  return row ?? { total: 0, pending: 0, sent: 0, delivered: 0, failed: 0, read: 0 };
}
