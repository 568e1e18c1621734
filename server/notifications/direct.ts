import type { Sequelize, Transaction } from 'sequelize';
import type { NotificationType } from '../../shared/notifications';
import { localizedSql } from './content';
import type { Texts } from './content';
import { escalateAtSql } from './escalate-at';
import { notifyNewRowsSql } from './handoff';

export interface DirectNotification {
  userId: number;
  departmentId: number;
  type: NotificationType;
  /** Unique per user: recording the same event twice records one notification. */
  eventKey: string;
  texts: Texts;
  data: Record<string, unknown>;
}

/**
 * One patient's notification, recorded in the caller's transaction; workers deliver it after commit, ahead of
 * any fan-out in progress (the NOTIFY names it).
 */
export async function recordNotification(
  sequelize: Sequelize,
  transaction: Transaction,
  notification: DirectNotification,
): Promise<void> {
  await sequelize.query(
    `WITH inserted AS (
       INSERT INTO notifications (user_id, department_id, type, event_key, title, body, data, escalate_at)
       SELECT u.id, :departmentId, :type, :eventKey, ${localizedSql(':texts::jsonb', 'title', ':title')},
              ${localizedSql(':texts::jsonb', 'body', ':body')}, :data::jsonb, ${escalateAtSql(':type', ':departmentId')}
         FROM users u WHERE u.id = :userId
       ON CONFLICT (user_id, event_key) DO NOTHING
       RETURNING id)
     ${notifyNewRowsSql('inserted')}`,
    {
      replacements: {
        ...notification,
        title: notification.texts.en.title,
        body: notification.texts.en.body,
        texts: JSON.stringify(notification.texts),
        data: JSON.stringify(notification.data),
      },
      transaction,
    },
  );
}
