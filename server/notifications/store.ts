import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { ChannelName, Notification } from '../../shared/notifications';
import type { TicketReachedEvent } from '../../shared/tickets';
import { callOf } from './follow-ups/unreached';
import { NOTIFICATION_COLUMNS, presentNotification } from './presenter';
import type { NotificationRow } from './presenter';

/** What marking a notification delivered answers: the ticket, when it was a call (for `ticket:reached`). */
interface DeliveredRow {
  id: number;
  type: string;
  department: string | null;
  data: Record<string, unknown>;
  delivered_via: ChannelName;
}

// Confirmed: delivered on this channel, and no escalation any more.
const DELIVERED_SET = `delivery_status = 'delivered', delivered_at = now(), sent_at = coalesce(n.sent_at, now()),
  delivered_via = :via, escalate_at = NULL`;
const DELIVERED_RETURNING = `RETURNING n.id, n.type, n.data, n.delivered_via,
  (SELECT code FROM departments WHERE id = n.department_id) AS department`;

/**
 * Marks a user's own notification delivered (the app, or the service worker's receipt). Answers the
 * call it confirmed, if it was one.
 */
export async function markDelivered(
  sequelize: Sequelize,
  id: number,
  userId: number | undefined,
  via: ChannelName,
): Promise<TicketReachedEvent[]> {
  const rows = await sequelize.query<DeliveredRow>(
    `UPDATE notifications n SET ${DELIVERED_SET}
      WHERE n.id = :id ${userId === undefined ? '' : 'AND n.user_id = :userId'} AND n.delivery_status <> 'delivered'
      ${DELIVERED_RETURNING}`,
    { replacements: { id, userId: userId ?? null, via }, type: QueryTypes.SELECT },
  );
  return reachedCalls(rows);
}

/** Many users' own notifications marked delivered in one statement (socket acks, see ack-recorder.ts). */
export async function markDeliveredMany(
  sequelize: Sequelize,
  acks: Array<{ id: number; userId: number }>,
): Promise<TicketReachedEvent[]> {
  if (acks.length === 0) return [];
  const rows = await sequelize.query<DeliveredRow>(
    `UPDATE notifications n SET ${DELIVERED_SET}
       FROM unnest(ARRAY[:ids]::bigint[], ARRAY[:userIds]::bigint[]) AS acked(id, user_id)
      WHERE n.id = acked.id AND n.user_id = acked.user_id AND n.delivery_status <> 'delivered'
      ${DELIVERED_RETURNING}`,
    {
      replacements: { ids: acks.map((ack) => ack.id), userIds: acks.map((ack) => ack.userId), via: 'socket' },
      type: QueryTypes.SELECT,
    },
  );
  return reachedCalls(rows);
}

function reachedCalls(rows: DeliveredRow[]): TicketReachedEvent[] {
  return rows.flatMap((row) => {
    const call = callOf(row);
    return call
      ? [
          {
            ticketId: call.ticketId,
            department: call.department,
            number: call.number,
            channel: row.delivered_via,
          },
        ]
      : [];
  });
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
    `UPDATE notifications SET socket_at = coalesce(socket_at, now()),
            delivery_status = CASE WHEN delivery_status = 'delivered' THEN delivery_status ELSE 'sent' END,
            sent_at = coalesce(sent_at, now())
      WHERE id IN (:ids)`,
    { replacements: { ids } },
  );
}
