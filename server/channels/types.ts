import type { Notification } from '../../shared/notifications';
import type { Locale } from '../util/locale';

/** The channels that follow up on a push: each one module under server/channels/. */
export type FollowUpChannelName = 'email' | 'sms';

/** Who a follow-up goes to. Never their name: a text or an email subject crosses third parties. */
export interface Recipient {
  userId: number;
  email: string;
  /** E.164, or null when the patient gave none. */
  phone: string | null;
  locale: Locale;
}

/** One notification to send on one channel. */
export interface ChannelMessage {
  notification: Notification;
  recipient: Recipient;
  /** The patient app's absolute address (PUBLIC_URL, else where this server listens). */
  appUrl: string;
  /** For email: the RFC 8058 one-click unsubscribe URL (it carries a signed token). */
  unsubscribeUrl: string;
}

/**
 * What a send came to. `retry`: a temporary failure (SMTP 4xx, a lost connection, HTTP 429/5xx, a
 * time-out), tried again after `retryAfterMs` when the other side named a time; `failed`: permanent.
 */
export type ChannelOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'failed'; error: string };

/** A follow-up channel. A new one is one module implementing this, listed in channels/index.ts. */
export interface Channel {
  name: FollowUpChannelName;
  /** Whether this patient can be reached here at all (an address, a number). */
  canReach(recipient: Recipient): boolean;
  send(message: ChannelMessage): Promise<ChannelOutcome>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
