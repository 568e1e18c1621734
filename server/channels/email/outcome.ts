import type { NodemailerError } from 'nodemailer';
import type { ChannelOutcome } from '../types';

/**
 * Errors that say the mail server could not be reached or the connection to it went away, not that it
 * refused this message: nodemailer's own codes (ECONNECTION, ETIMEDOUT, ESOCKET, EDNS, ETLS, EPROXY,
 * EMAXLIMIT) and the socket's where nodemailer passes one through. The same message may go through later.
 */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROXY',
  'EMAXLIMIT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Staff read the error on the notification: short, on one line, with no email address in it. */
const MAX_ERROR_LENGTH = 200;
const EMAIL_ADDRESS = /[^\s<>()[\]@,;:"]+@[^\s<>()[\]@,;:"]+/g;

/**
 * What a failed send comes to. An SMTP reply decides by its class (RFC 5321): 4xx is temporary, 5xx
 * permanent, except 503 "bad sequence of commands", which is about the session rather than the message
 * (nodemailer reads it the same way) and so is worth another try on a new connection. Without a reply, a
 * connection that failed or was lost is temporary; anything else (a bad address, refused credentials
 * given without a reply code) will not get better by trying again.
 */
export function outcomeOfError(error: unknown): ChannelOutcome {
  const failure = asNodemailerError(error);
  const text = describe(failure);
  const code = failure.responseCode;
  if (typeof code === 'number') {
    const permanent = code >= 500 && code < 600 && code !== 503;
    return permanent ? { kind: 'failed', error: text } : { kind: 'retry', error: text };
  }
  if (isConnectionFailure(failure)) return { kind: 'retry', error: text };
  return { kind: 'failed', error: text };
}

function isConnectionFailure(error: NodemailerError): boolean {
  return [error.code, error.originalCode].some((code) => code !== undefined && CONNECTION_CODES.has(code));
}

/** `SMTP 421 4.7.0 Try again later` for a reply, else the error's code and message. */
function describe(error: NodemailerError): string {
  const reply = error.response?.replace(/^\d{3}[ -]?/, '');
  const text =
    typeof error.responseCode === 'number'
      ? `SMTP ${error.responseCode} ${reply ?? error.message}`
      : `${error.code ? `${error.code}: ` : ''}${error.message}`;
  return shorten(text);
}

function shorten(text: string): string {
  const clean = text.replace(EMAIL_ADDRESS, '[address]').replace(/\s+/g, ' ').trim();
  return clean.length <= MAX_ERROR_LENGTH ? clean : `${clean.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

function asNodemailerError(error: unknown): NodemailerError {
  return error instanceof Error ? (error as NodemailerError) : new Error(String(error));
}
