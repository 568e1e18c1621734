import nodemailer from 'nodemailer';
import type { SMTPPoolOptions } from 'nodemailer';
import type { Channel, Recipient } from '../types';
import { buildEmail, defaultFrom } from './message';
import { outcomeOfError } from './outcome';

/** How long to wait on the mail server; nodemailer's own defaults (up to 10 minutes) would hold a call. */
export interface EmailTimeouts {
  /** To open the TCP (and TLS) connection. */
  connectionMs: number;
  /** For the server's greeting once connected. */
  greetingMs: number;
  /** Of silence on an open connection. */
  socketMs: number;
}

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; its query may set options too. */
  smtpUrl: string;
  /** The From header; absent, `defaultFrom` of each message's app address. */
  from?: string;
  /** Keep connections open and reuse them (default true); false opens one connection per message. */
  pool?: boolean;
  /** With the pool, how many connections at most (default 5). */
  maxConnections?: number;
  timeouts?: Partial<EmailTimeouts>;
}

const DEFAULT_TIMEOUTS: EmailTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/**
 * The email channel: one notification, one message, one outcome. A message the server accepted is
 * `sent`; a temporary refusal or a lost connection is `retry`; a permanent refusal is `failed` (see
 * outcomeOfError). The caller decides when to send and when to try again.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const transport = nodemailer.createTransport(transportOptions(options));
  return {
    name: 'email',
    canReach: (recipient: Recipient) => recipient.email.includes('@'),
    async send(message) {
      try {
        await transport.sendMail(buildEmail(message, options.from ?? defaultFrom(message.appUrl)));
        return { kind: 'sent' };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

function transportOptions(options: EmailChannelOptions): SMTPPoolOptions {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return {
    url: options.smtpUrl,
    pool: options.pool ?? true,
    maxConnections: options.maxConnections ?? 5,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  };
}
