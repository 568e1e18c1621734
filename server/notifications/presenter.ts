import type {
  ChannelDelivery,
  DeliveryStatus,
  Notification,
  NotificationType,
} from '../../shared/notifications';
import { iso } from '../util/iso';

export interface NotificationRow {
  id: number;
  type: NotificationType;
  department: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
  delivery_status: DeliveryStatus;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  socket_at: Date | null;
  push_status: 'pending' | 'done' | 'failed';
  push_attempts: number;
  push_outcome: 'sent' | 'failed' | null;
  push_outcome_at: Date | null;
  last_error: string | null;
  delivered_via: ChannelDelivery['channel'] | null;
  /** The email and SMS rows, as JSON (see FOLLOW_UPS_SQL). */
  follow_ups: Array<{
    channel: 'email' | 'sms';
    status: 'pending' | 'sent' | 'failed';
    at: string | null;
    error: string | null;
  }>;
}

/** The notification's email and SMS records as a JSON array, from `notifications n`. */
export const FOLLOW_UPS_SQL = `(SELECT coalesce(json_agg(json_build_object('channel', f.channel, 'status', f.status,
     'at', f.done_at, 'error', f.last_error) ORDER BY f.channel), '[]'::json)
     FROM notification_channels f WHERE f.notification_id = n.id)`;

/**
 * Selects the columns presentNotification needs, from `notifications n LEFT JOIN departments d`. The
 * follow-ups are a subquery unless the caller knows there are none yet (a first delivery).
 */
export function notificationColumns(followUps = FOLLOW_UPS_SQL): string {
  return `n.id, n.type, d.code AS department, n.title, n.body, n.data, n.delivery_status,
  n.created_at, n.sent_at, n.delivered_at, n.read_at, n.socket_at, n.push_status, n.push_attempts, n.push_outcome,
  n.push_outcome_at, n.last_error, n.delivered_via, ${followUps} AS follow_ups`;
}
export const NOTIFICATION_COLUMNS = notificationColumns();

export function presentNotification(row: NotificationRow): Notification {
  return {
    id: Number(row.id),
    type: row.type,
    department: row.department,
    title: row.title,
    body: row.body,
    data: row.data,
    deliveryStatus: row.delivery_status,
    createdAt: iso(row.created_at) ?? '',
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
    channels: presentChannels(row),
  };
}

/** What presentChannels reads: a notification's own channel columns and its follow-ups. */
export type ChannelRow = Pick<
  NotificationRow,
  | 'socket_at'
  | 'push_status'
  | 'push_attempts'
  | 'push_outcome'
  | 'push_outcome_at'
  | 'last_error'
  | 'delivered_via'
  | 'delivered_at'
  | 'follow_ups'
>;

/** Each channel tried so far; the one a client confirmed on is `delivered`. */
export function presentChannels(row: ChannelRow): ChannelDelivery[] {
  const channels: ChannelDelivery[] = [];
  if (row.socket_at) channels.push({ channel: 'socket', status: 'sent', at: iso(row.socket_at) });
  if (row.push_outcome) {
    const failed = row.push_outcome === 'failed';
    channels.push({
      channel: 'push',
      status: row.push_outcome,
      at: iso(row.push_outcome_at),
      ...(failed && row.last_error ? { error: row.last_error } : {}),
    });
  } else if (row.push_status === 'pending' && row.push_attempts > 0 && row.last_error) {
    channels.push({ channel: 'push', status: 'pending', at: null, error: row.last_error });
  }
  for (const followUp of row.follow_ups) {
    channels.push({
      channel: followUp.channel,
      status: followUp.status,
      at: followUp.at === null ? null : new Date(followUp.at).toISOString(),
      ...(followUp.error ? { error: followUp.error } : {}),
    });
  }
  if (row.delivered_via) markDelivered(channels, row.delivered_via, iso(row.delivered_at));
  return channels;
}

function markDelivered(
  channels: ChannelDelivery[],
  via: ChannelDelivery['channel'],
  at: string | null,
): void {
  const existing = channels.find((channel) => channel.channel === via);
  if (existing) {
    existing.status = 'delivered';
    existing.at = at;
    delete existing.error;
  } else {
    channels.push({ channel: via, status: 'delivered', at });
  }
}
