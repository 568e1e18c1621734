import { z } from 'zod';
import { departmentCode } from './schemas';

export const NOTIFICATION_TYPES = [
  'queue_opened',
  'queue_closed',
  'ticket_called',
  'almost_your_turn',
  'ticket_no_show',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Notification {
  id: number;
  type: NotificationType;
  department: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
  deliveryStatus: DeliveryStatus;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
}

export interface NotificationStats {
  total: number;
  pending: number;
  sent: number;
  delivered: number;
  failed: number;
  read: number;
}

/** What a web push carries. No patient name or clinical detail: it passes through third parties. */
export interface PushPayload {
  id: number;
  type: NotificationType;
  title: string;
  body: string;
  department: string | null;
  url: string;
  receipt: string;
}

export const pushSubscriptionBody = z.strictObject({
  endpoint: z.string().max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: z.string().max(200), auth: z.string().max(100) }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBody>;

export const pushUnsubscribeBody = z.strictObject({ endpoint: z.string().max(2048) });

export const notificationListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().positive().optional(),
});

export const receiptQuery = z.strictObject({ receipt: z.string().max(200).optional() });

export const retryFailedBody = z.strictObject({ department: departmentCode.optional() }).default({});

export const notificationStatsQuery = z.strictObject({
  department: departmentCode.optional(),
  since: z.iso.datetime().optional(),
  type: z.enum(NOTIFICATION_TYPES).optional(),
});
