import type { DeliveryStatus, Notification, NotificationType } from '../../shared/notifications';
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
}

/** Selects the columns presentNotification needs, from `notifications n LEFT JOIN departments d`. */
export const NOTIFICATION_COLUMNS = `n.id, n.type, d.code AS department, n.title, n.body, n.data, n.delivery_status,
  n.created_at, n.sent_at, n.delivered_at, n.read_at`;

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
  };
}
