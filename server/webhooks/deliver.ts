import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '../../shared/webhooks';
import { ApiError } from '../errors';
import type { ClaimedDelivery } from './claim';
import type { PostOutcome, WebhookPoster } from './post';
import type { SecretBox } from './secret';
import { assertWebhookUrlAllowed } from './url-guard';
import type { Resolver } from './url-guard';

/** The same on every attempt at one event, so a receiver can tell a retry from a new event. */
export function webhookMessageId(eventId: number): string {
  return `msg_qb_${eventId}`;
}

/** The body of an event: `{type, timestamp, data}`, the timestamp being when the event happened. */
export function webhookBody(delivery: ClaimedDelivery): string {
  const payload: WebhookPayload = {
    type: delivery.type,
    timestamp: new Date(delivery.occurred_at).toISOString(),
    data: delivery.data,
  };
  return JSON.stringify(payload);
}

export interface SendDeps {
  poster: WebhookPoster;
  secrets: SecretBox;
  allowedOrigins: Set<string>;
  resolve?: Resolver;
}

/**
 * One attempt: the SSRF rule once more (the host may point elsewhere since it was saved), then the
 * signed POST. `webhook-timestamp` is the machine's time of this attempt, which is what receivers check
 * against their own clocks (the standard's 5-minute tolerance), whatever the server clock says.
 */
export async function sendDelivery(deps: SendDeps, delivery: ClaimedDelivery): Promise<PostOutcome> {
  try {
    await assertWebhookUrlAllowed(delivery.url, deps.allowedOrigins, deps.resolve);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const kind = error.code === 'webhook_url_unresolvable' ? 'retry' : 'failed';
    return { kind, statusCode: null, error: error.message };
  }
  const body = webhookBody(delivery);
  const id = webhookMessageId(Number(delivery.event_id));
  const at = new Date();
  const signature = new Webhook(deps.secrets.open(delivery.secret)).sign(id, at, body);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Queuebell-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
  const trusted = deps.allowedOrigins.has(new URL(delivery.url).origin);
  return deps.poster.post(delivery.url, headers, body, trusted);
}
