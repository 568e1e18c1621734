import { Webhook } from 'standardwebhooks';
import type { Channel, ChannelMessage, ChannelOutcome } from '../types';
import { createHttpPoster } from './http';
import { hasPhone, NO_PHONE, outcomeOf } from './outcome';
import { buildSmsText } from './text';

export interface GatewayChannelOptions {
  /** SMS_WEBHOOK_URL: the hospital's own gateway. */
  url: string;
  /** SMS_WEBHOOK_SECRET, `whsec_` and base64 (the Webhook class drops the prefix and decodes the rest). */
  secret: string;
  /** The whole request, connect to last byte. Default 10 s. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The same for every attempt at one notification, so a gateway that got a request whose answer was
 * lost can tell the retry is the same text and not send it twice.
 */
export function gatewayMessageId(notificationId: number): string {
  return `msg_sms_${notificationId}`;
}

/**
 * SMS through the hospital's gateway: `POST url` with JSON `{id, to, body}`, signed per Standard
 * Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Throws at creation for a secret
 * that is not base64, so a bad setting stops the server instead of failing every text.
 */
export function createGatewayChannel(options: GatewayChannelOptions): Channel {
  const { url, timeoutMs = 10_000, now = Date.now } = options;
  const webhook = new Webhook(options.secret);
  const http = createHttpPoster(timeoutMs);

  function signedHeaders(msgId: string, payload: string): Record<string, string> {
    const at = new Date(now());
    return {
      'content-type': 'application/json',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': webhook.sign(msgId, at, payload),
    };
  }

  async function send(message: ChannelMessage): Promise<ChannelOutcome> {
    const to = message.recipient.phone;
    if (to === null) return NO_PHONE;
    const { id } = message.notification;
    const payload = JSON.stringify({ id, to, body: buildSmsText(message) });
    const result = await http.post(url, signedHeaders(gatewayMessageId(id), payload), payload);
    // Only the status: a gateway's error body may repeat the number it was given.
    return outcomeOf(result, now(), (answer) => `HTTP ${answer.status}`);
  }

  return { name: 'sms', canReach: hasPhone, send, close: () => http.close() };
}
