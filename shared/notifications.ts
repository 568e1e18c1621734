import { z } from 'zod';
import type { CallReply } from './constants';
import { departmentCode } from './schemas';

export const NOTIFICATION_TYPES = [
  'queue_opened',
  'queue_closed',
  'ticket_called',
  'almost_your_turn',
  'ticket_no_show',
  'ticket_transferred',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The ways a notification can travel: emitted to a connected socket, pushed, emailed, texted. */
export const CHANNELS = ['socket', 'push', 'email', 'sms'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** How one channel fared with one notification. */
export interface ChannelDelivery {
  channel: ChannelName;
  status: DeliveryStatus;
  /** When it reached this status (null while pending). */
  at: string | null;
  /** The last error while trying, e.g. `SMTP 421` or `HTTP 503`. */
  error?: string;
}

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
  /** Each channel tried so far, in the order of the CHANNELS list. */
  channels: ChannelDelivery[];
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
  byChannel: {
    push: { sent: number; delivered: number; failed: number };
    email: { sent: number; failed: number };
    sms: { sent: number; failed: number };
  };
}

/** Notifications whose late delivery is useless: unconfirmed, they escalate to SMS or email. */
export const TIME_CRITICAL_TYPES: readonly NotificationType[] = [
  'ticket_called',
  'almost_your_turn',
  'ticket_transferred',
];

/**
 * The declarative part of a push (WebKit's Declarative Web Push, Safari and iOS 18.4+): the browser shows
 * it as it stands when no service worker runs, so it must be complete on its own.
 */
export interface DeclarativePushNotification {
  /** The same words as the payload's own `title` and `body`. */
  title: string;
  body: string;
  /** An absolute URL into the app: there is no page to resolve a relative one against. */
  navigate: string;
  /** The notification id, so a resend replaces itself instead of showing twice. */
  tag: string;
  /** The language the title and body are written in (a BCP 47 tag such as `es`). */
  lang: string;
}

/** Under this many bytes of JSON before encryption (the contract's limit, below RFC 8291's 4 KiB record). */
export const PUSH_PAYLOAD_LIMIT_BYTES = 3000;

/**
 * What a web push carries: the declarative form beside the fields the service worker reads. No patient
 * name or clinical detail: it passes through third parties.
 */
export interface PushPayload {
  /** Marks the message as a declarative push (the number of RFC 8030). */
  web_push: 8030;
  notification: DeclarativePushNotification;
  /** The service worker, where it runs, receives the push and shows its own notification in its place. */
  mutable: true;
  id: number;
  type: NotificationType;
  title: string;
  body: string;
  department: string | null;
  url: string;
  receipt: string;
  /** A call's ticket, which the worker answers with the chosen action (`POST /api/tickets/:id/reply`). */
  ticketId?: number;
  /** A call's two answers, "On my way" and "I need a few more minutes", in the patient's language. */
  actions?: PushAction[];
}

export interface PushAction {
  action: CallReply;
  title: string;
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

/** An email's one-click unsubscribe link: `<userId>.<mac>`, signed by the server. */
export const unsubscribeQuery = z.strictObject({ token: z.string().min(1).max(200) });

/**
 * RFC 8058: a mail client's one-click POST carries the form `List-Unsubscribe=One-Click`; a POST with no
 * body (a person's browser, a script) does the same.
 */
export const unsubscribeBody = z
  .strictObject({ 'List-Unsubscribe': z.literal('One-Click').optional() })
  .optional();

export const retryFailedBody = z.strictObject({ department: departmentCode.optional() }).default({});

export const notificationStatsQuery = z.strictObject({
  department: departmentCode.optional(),
  since: z.iso.datetime().optional(),
  type: z.enum(NOTIFICATION_TYPES).optional(),
});
