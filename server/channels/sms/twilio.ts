import type { Channel, ChannelMessage, ChannelOutcome } from '../types';
import { createHttpPoster } from './http';
import type { HttpAnswer } from './http';
import { hasPhone, NO_PHONE, outcomeOf, scrub } from './outcome';
import { buildSmsText } from './text';

export interface TwilioChannelOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_FROM: a Twilio number in E.164 or an alphanumeric sender id. */
  from: string;
  /** TWILIO_API_URL, default https://api.twilio.com; another origin in tests or behind a proxy. */
  apiUrl: string;
  /** The whole request, connect to last byte. Default 10 s. */
  timeoutMs?: number;
  now?: () => number;
}

/** The Messages resource of an account (Twilio REST API 2010-04-01). */
export function twilioMessagesUrl(apiUrl: string, accountSid: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
}

/**
 * SMS through Twilio's Messages API: a form-encoded `To`, `From`, `Body`, HTTP Basic auth with the
 * account SID and auth token. Twilio answers 201 with the message resource once it has queued it.
 */
export function createTwilioChannel(options: TwilioChannelOptions): Channel {
  const { accountSid, authToken, from, timeoutMs = 10_000, now = Date.now } = options;
  const url = twilioMessagesUrl(options.apiUrl, accountSid);
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const http = createHttpPoster(timeoutMs);

  async function send(message: ChannelMessage): Promise<ChannelOutcome> {
    const to = message.recipient.phone;
    if (to === null) return NO_PHONE;
    const form = new URLSearchParams({ To: to, From: from, Body: buildSmsText(message) }).toString();
    const headers = {
      authorization,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    return outcomeOf(await http.post(url, headers, form), now(), describeTwilioAnswer);
  }

  return { name: 'sms', canReach: hasPhone, send, close: () => http.close() };
}

/**
 * An error answer in Twilio's words when its body is Twilio's error JSON (`{code, message, more_info,
 * status}`), e.g. `Twilio 21211 (HTTP 400): Invalid 'To' Phone Number`; otherwise its status alone.
 */
export function describeTwilioAnswer(answer: HttpAnswer): string {
  const error = twilioError(answer.body);
  if (!error) return `HTTP ${answer.status}`;
  const detail = error.message ? `: ${scrub(error.message)}` : '';
  return `Twilio ${error.code} (HTTP ${answer.status})${detail}`;
}

function twilioError(body: string): { code: number; message: string | undefined } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('code' in parsed)) return undefined;
  if (typeof parsed.code !== 'number') return undefined;
  const message = 'message' in parsed && typeof parsed.message === 'string' ? parsed.message : undefined;
  return { code: parsed.code, message };
}
