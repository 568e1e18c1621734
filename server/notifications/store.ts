import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Notification } from '../../shared/notifications';
import { NOTIFICATION_COLUMNS, presentNotification } from './presenter';
import type { NotificationRow } from './presenter';

/** Marks a user's own notification delivered (a socket ack, the app, or the service worker's receipt). */
export async function markDelivered(sequelize: Sequelize, id: number, userId?: number): Promise<boolean> {
  const [, count] = await sequelize.query(
    `UPDATE notifications SET delivery_status = 'delivered', delivered_at = now(), sent_at = coalesce(sent_at, now())
      WHERE id = :id ${userId === undefined ? '' : 'AND user_id = :userId'} AND delivery_status <> 'delivered'`,
    { replacements: { id, userId: userId ?? null } },
  );
  return Number(count) > 0;
}

/** Many users' own notifications marked delivered in one statement (socket acks, see ack-recorder.ts). */
export async function markDeliveredMany(
  sequelize: Sequelize,
  acks: Array<{ id: number; userId: number }>,
): Promise<void> {
  if (acks.length === 0) return;
  await sequelize.query(
    `UPDATE notifications n
        SET delivery_status = 'delivered', delivered_at = now(), sent_at = coalesce(n.sent_at, now())
       FROM unnest(ARRAY[:ids]::bigint[], ARRAY[:userIds]::bigint[]) AS acked(id, user_id)
      WHERE n.id = acked.id AND n.user_id = acked.user_id AND n.delivery_status <> 'delivered'`,
    { replacements: { ids: acks.map((ack) => ack.id), userIds: acks.map((ack) => ack.userId) } },
  );
}

/** What a reconnecting client has not confirmed yet, oldest first, so it can catch up without a gap. */
export async function undeliveredFor(
  sequelize: Sequelize,
  userId: number,
  limit = 100,
): Promise<Notification[]> {
  const rows = await sequelize.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n LEFT JOIN departments d ON d.id = n.department_id
      WHERE n.user_id = :userId AND n.delivery_status IN ('pending', 'sent', 'failed')
        AND n.created_at > now() - interval '7 days'
      ORDER BY n.id DESC LIMIT :limit`,
    { replacements: { userId, limit }, type: QueryTypes.SELECT },
  );
  return rows.reverse().map(presentNotification);
}

export async function markSent(sequelize: Sequelize, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await sequelize.query(
    `UPDATE notifications SET delivery_status = 'sent', sent_at = coalesce(sent_at, now())
      WHERE id IN (:ids) AND delivery_status IN ('pending', 'failed')`,
    { replacements: { ids } },
  );
}
