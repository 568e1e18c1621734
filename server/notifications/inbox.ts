import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { NotificationPage } from '../../shared/notifications';
import { notFound } from '../errors';
import { NOTIFICATION_COLUMNS, presentNotification } from './presenter';
import type { NotificationRow } from './presenter';

/** A patient's own notifications: their inbox, newest first, a page at a time. */

export async function inboxPage(
  sequelize: Sequelize,
  userId: number,
  page: { limit: number; before?: number | undefined },
): Promise<NotificationPage> {
  const { limit, before } = page;
  const rows = await sequelize.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n LEFT JOIN departments d ON d.id = n.department_id
      WHERE n.user_id = :userId ${before ? 'AND n.id < :before' : ''}
      ORDER BY n.id DESC LIMIT :limit`,
    { replacements: { userId, before: before ?? null, limit: limit + 1 }, type: QueryTypes.SELECT },
  );
  const items = rows.slice(0, limit).map(presentNotification);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}

/** Someone else's notification is answered like a missing one, so ids reveal nothing. */
export async function checkOwnNotification(sequelize: Sequelize, id: number, userId: number): Promise<void> {
  const [row] = await sequelize.query(`SELECT 1 FROM notifications WHERE id = :id AND user_id = :userId`, {
    replacements: { id, userId },
    type: QueryTypes.SELECT,
  });
  if (!row) throw notFound('No such notification.');
}

/** Reading a notification also proves it was delivered (and sent). */
export async function markRead(sequelize: Sequelize, id: number, userId: number): Promise<void> {
  await checkOwnNotification(sequelize, id, userId);
  await sequelize.query(
    `UPDATE notifications SET read_at = coalesce(read_at, now()), delivery_status = 'delivered',
            delivered_at = coalesce(delivered_at, now()), sent_at = coalesce(sent_at, now())
      WHERE id = :id AND user_id = :userId`,
    { replacements: { id, userId } },
  );
}

export async function markAllRead(sequelize: Sequelize, userId: number): Promise<void> {
  await sequelize.query(
    `UPDATE notifications SET read_at = now(), delivery_status = 'delivered',
            delivered_at = coalesce(delivered_at, now()), sent_at = coalesce(sent_at, now())
      WHERE user_id = :userId AND read_at IS NULL`,
    { replacements: { userId } },
  );
}
