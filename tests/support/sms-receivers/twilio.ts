import { randomBytes } from 'node:crypto';
import { startHttpStub } from './stub';
import type { StubAnswer, StubRequest } from './stub';

/** A message Twilio accepted: the form fields of the request. */
export interface TwilioText {
  To: string;
  From: string;
  Body: string;
}

export interface TwilioApiReceiver {
  /** The origin to configure as TWILIO_API_URL. */
  readonly apiUrl: string;
  readonly received: readonly TwilioText[];
  /** Requests refused for a wrong path, credentials, content type or missing field. */
  readonly rejected: readonly StubRequest[];
  /** How valid requests are answered from now on; default 201 with a queued message resource. */
  answerWith(answer: StubAnswer | 'created'): void;
  close(): Promise<void>;
}

/** Twilio's error body (`{code, message, more_info, status}`), as its REST API sends it. */
export function twilioErrorAnswer(status: number, code: number, message: string): StubAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
  };
}

/**
 * Twilio's Messages API, the part Queuebell uses: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`
 * with HTTP Basic auth (account SID and auth token) and a form-encoded To, From and Body.
 */
export async function startTwilioApi(options: {
  accountSid: string;
  authToken: string;
}): Promise<TwilioApiReceiver> {
  const { accountSid } = options;
  const received: TwilioText[] = [];
  const rejected: StubRequest[] = [];
  let reply: StubAnswer | 'created' = 'created';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${options.authToken}`).toString('base64')}`;

  const stub = await startHttpStub((request) => {
    const refusal = refuse(request, accountSid, expectedAuth);
    if (refusal) {
      rejected.push(request);
      return refusal;
    }
    const form = new URLSearchParams(request.body);
    const text = { To: form.get('To') ?? '', From: form.get('From') ?? '', Body: form.get('Body') ?? '' };
    received.push(text);
    return reply === 'created' ? created(accountSid, text) : reply;
  });
  return {
    apiUrl: stub.origin,
    received,
    rejected,
    answerWith(answer) {
      reply = answer;
    },
    close: () => stub.close(),
  };
}

function refuse(request: StubRequest, accountSid: string, expectedAuth: string): StubAnswer | undefined {
  if (request.method !== 'POST' || request.path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
    return twilioErrorAnswer(404, 20404, 'The requested resource was not found');
  }
  if (request.headers.authorization !== expectedAuth) return twilioErrorAnswer(401, 20003, 'Authenticate');
  if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    return twilioErrorAnswer(400, 20001, 'Expected a form-encoded body');
  }
  const form = new URLSearchParams(request.body);
  if (!form.get('To')) return twilioErrorAnswer(400, 21604, "A 'To' phone number is required.");
  if (!form.get('From')) return twilioErrorAnswer(400, 21603, "A 'From' phone number is required.");
  if (!form.get('Body')) return twilioErrorAnswer(400, 21602, 'Message body is required.');
  return undefined;
}

/** The 201 answer: the new message resource, queued. */
function created(accountSid: string, text: TwilioText): StubAnswer {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const resource = {
    sid,
    account_sid: accountSid,
    to: text.To,
    from: text.From,
    body: text.Body,
    status: 'queued',
    num_segments: '1',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    date_created: new Date().toUTCString(),
    error_code: null,
    error_message: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  };
  return { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify(resource) };
}
