import type { DeliveryStatus } from '../../shared/notifications';
import type { LastCall, Reachability } from '../../shared/tickets';
import type { Config } from '../config';
import { FOLLOW_UPS_SQL, presentChannels } from '../notifications/presenter';
import type { ChannelRow } from '../notifications/presenter';

/** A subscription whose last accepted push is older than this no longer counts as reaching the patient. */
export const PUSH_FRESH_DAYS = 14;

/**
 * What decides a ticket's reach, as columns of the tickets query (`tickets t JOIN users u`, and the
 * LATERAL `lc` of REACH_JOIN). Whether a socket is connected is asked of the realtime layer afterwards.
 */
export const REACH_COLUMNS = `(u.push_enabled AND EXISTS (SELECT 1 FROM push_subscriptions s
       WHERE s.user_id = t.user_id AND s.last_success_at > now() - interval '${PUSH_FRESH_DAYS} days')) AS push_fresh,
    (u.sms_enabled AND u.phone IS NOT NULL) AS sms_on, u.email_enabled AS email_on,
    lc.id AS call_id, lc.delivery_status AS call_status, lc.socket_at AS call_socket_at,
    lc.push_status AS call_push_status, lc.push_attempts AS call_push_attempts,
    lc.push_outcome AS call_push_outcome, lc.push_outcome_at AS call_push_outcome_at,
    lc.last_error AS call_last_error, lc.delivered_via AS call_delivered_via,
    lc.delivered_at AS call_delivered_at, lc.follow_ups AS call_follow_ups`;

/**
 * The ticket's latest call: its newest `ticket_called` notification. Walking the patient's notifications
 * newest first (notifications_user_idx) finds it after a handful of rows, however long their history.
 */
export const REACH_JOIN = `
  LEFT JOIN LATERAL (
    SELECT n.id, n.delivery_status, n.socket_at, n.push_status, n.push_attempts, n.push_outcome,
           n.push_outcome_at, n.last_error, n.delivered_via, n.delivered_at, ${FOLLOW_UPS_SQL} AS follow_ups
      FROM notifications n
     WHERE n.user_id = t.user_id AND n.type = 'ticket_called' AND n.data->>'ticketId' = t.id::text
     ORDER BY n.id DESC LIMIT 1) lc ON true`;

/** The columns REACH_COLUMNS adds; the `call_` ones are null before the ticket's first call. */
export interface ReachRow {
  push_fresh: boolean;
  sms_on: boolean;
  email_on: boolean;
  call_id: number | string | null;
  call_status: DeliveryStatus | null;
  call_socket_at: Date | null;
  call_push_status: ChannelRow['push_status'] | null;
  call_push_attempts: number | null;
  call_push_outcome: ChannelRow['push_outcome'];
  call_push_outcome_at: Date | null;
  call_last_error: string | null;
  call_delivered_via: ChannelRow['delivered_via'];
  call_delivered_at: Date | null;
  call_follow_ups: ChannelRow['follow_ups'] | null;
}

/** What reach depends on beyond the row: who has a socket now, and which channels this server has. */
export interface ReachContext {
  connected: ReadonlySet<number>;
  channels: { sms: boolean; email: boolean };
}

export function serverChannels(config: Pick<Config, 'sms' | 'email'>): ReachContext['channels'] {
  return { sms: config.sms !== undefined, email: config.email !== undefined };
}

/**
 * The best channel that reaches the patient now. A connected socket counts as push whatever the push
 * setting: the notification is emitted to it all the same. SMS and email count only where the server
 * can send them.
 */
export function reachabilityOf(row: ReachRow, userId: number, reach: ReachContext): Reachability {
  if (row.push_fresh || reach.connected.has(userId)) return 'push';
  if (row.sms_on && reach.channels.sms) return 'sms';
  if (row.email_on && reach.channels.email) return 'email';
  return 'display';
}

export function lastCallOf(row: ReachRow): LastCall | null {
  if (row.call_id === null || row.call_status === null) return null;
  return {
    notificationId: Number(row.call_id),
    deliveryStatus: row.call_status,
    channels: presentChannels({
      socket_at: row.call_socket_at,
      push_status: row.call_push_status ?? 'pending',
      push_attempts: row.call_push_attempts ?? 0,
      push_outcome: row.call_push_outcome,
      push_outcome_at: row.call_push_outcome_at,
      last_error: row.call_last_error,
      delivered_via: row.call_delivered_via,
      delivered_at: row.call_delivered_at,
      follow_ups: row.call_follow_ups ?? [],
    }),
  };
}
