import { parseRetryAfter } from '../../util/retry-after';
import type { ChannelOutcome, Recipient } from '../types';
import type { HttpAnswer, HttpResult } from './http';

/** The longest error kept on a notification's channel. */
const MAX_ERROR_LENGTH = 200;

/** Whether a patient can be texted at all. */
export function hasPhone(recipient: Recipient): boolean {
  return recipient.phone !== null;
}

/** What a send comes to without a number: nothing will make it succeed. */
export const NO_PHONE: ChannelOutcome = { kind: 'failed', error: 'no phone number' };

/**
 * An HTTP send as a channel outcome, the same rules for the gateway and Twilio: 2xx sent; 408, 429,
 * 5xx, a time-out or a network error worth another try, not before Retry-After (seconds or an
 * HTTP-date) when the other side gave one; any other status permanent. `describe` words an answer
 * (`HTTP 503`, `Twilio 21211 …`).
 */
export function outcomeOf(
  result: HttpResult,
  nowMs: number,
  describe: (answer: HttpAnswer) => string,
): ChannelOutcome {
  if ('error' in result) return { kind: 'retry', error: clip(result.error) };
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'sent' };
  const error = clip(describe(result));
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(result.retryAfter, nowMs);
    return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
  }
  return { kind: 'failed', error };
}

/**
 * Text from the other side, made safe to store: any run of digits that could be a phone number (an
 * error message may quote the recipient's) is replaced, and it is cut to the length kept.
 */
export function scrub(text: string): string {
  return clip(
    text
      .replace(/\+?\d[\d ().-]{5,}\d/g, '[number]')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function clip(text: string): string {
  return text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}
