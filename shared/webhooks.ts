import { z } from 'zod';

/** Webhooks to hospital systems: `/api/webhooks`, its deliveries and its test event. */

/** Every event a webhook may subscribe to; `webhook.test` is sent on demand and may be subscribed too. */
export const WEBHOOK_EVENTS = [
  'queue.opened',
  'queue.closed',
  'ticket.created',
  'ticket.called',
  'ticket.completed',
  'ticket.no_show',
  'ticket.transferred',
  'notification.failed',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .url('must be an absolute URL such as https://his.hospital.org/queuebell');
const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'must name at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const createWebhookBody = z.strictObject({
  url: webhookUrl,
  events: webhookEvents,
  description: z.string().trim().max(500).optional(),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z.strictObject({
  url: webhookUrl.optional(),
  events: webhookEvents.optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export const webhookDeliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEventType[];
  active: boolean;
  createdAt: string;
  description?: string | null;
}

export interface CreatedWebhook {
  webhook: Webhook;
  /** `whsec_…`: shown once, never returned again. */
  secret: string;
}

export interface WebhookDelivery {
  id: number;
  event: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** What is POSTed to a webhook, signed per Standard Webhooks. */
export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}
