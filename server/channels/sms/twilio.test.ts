import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelMessage } from '../../../tests/support/channel-message';
import { startTwilioApi, twilioErrorAnswer } from '../../../tests/support/sms-receivers/twilio';
import type { TwilioApiReceiver } from '../../../tests/support/sms-receivers/twilio';
import type { Channel } from '../types';
import { createSmsChannel } from './index';
import { createTwilioChannel } from './twilio';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const FROM = '+15005550006';

const settings = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM };

let twilio: TwilioApiReceiver;
let channel: Channel;

beforeAll(async () => {
  twilio = await startTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  channel = createSmsChannel({ kind: 'twilio', ...settings, apiUrl: twilio.apiUrl }, { timeoutMs: 2_000 });
});
afterAll(async () => {
  await channel.close();
  await twilio.close();
});
afterEach(() => {
  twilio.answerWith('created');
  expect(twilio.rejected).toEqual([]);
});

describe("Twilio channel against Twilio's Messages API", () => {
  it('creates a message from the form fields To, From and Body, with Basic auth', async () => {
    const before = twilio.received.length;
    expect(await channel.send(channelMessage({ locale: 'fr' }))).toEqual({ kind: 'sent' });
    expect(twilio.received.slice(before)).toEqual([
      {
        To: '+34612345678',
        From: FROM,
        Body: "Queuebell : c'est votre tour. Ticket OPD-004, rendez-vous en salle 3 maintenant.",
      },
    ]);
  });

  it("fails with Twilio's error code on a 400, and quotes no phone number", async () => {
    twilio.answerWith(
      twilioErrorAnswer(400, 21211, "The 'To' number +34612345678 is not a valid phone number."),
    );
    const outcome = await channel.send(channelMessage());
    expect(outcome).toEqual({
      kind: 'failed',
      error: "Twilio 21211 (HTTP 400): The 'To' number [number] is not a valid phone number.",
    });
  });

  it('fails on the usual 21211 body too', async () => {
    twilio.answerWith(twilioErrorAnswer(400, 21211, 'Invalid To Phone Number'));
    expect(await channel.send(channelMessage())).toEqual({
      kind: 'failed',
      error: 'Twilio 21211 (HTTP 400): Invalid To Phone Number',
    });
  });

  it('retries a 503 after its Retry-After', async () => {
    twilio.answerWith({
      status: 503,
      headers: { 'retry-after': '12' },
      body: '<html>Service Unavailable</html>',
    });
    expect(await channel.send(channelMessage())).toEqual({
      kind: 'retry',
      error: 'HTTP 503',
      retryAfterMs: 12_000,
    });
  });

  it("retries Twilio's own 429 (code 20429)", async () => {
    twilio.answerWith(twilioErrorAnswer(429, 20429, 'Too Many Requests'));
    expect(await channel.send(channelMessage())).toEqual({
      kind: 'retry',
      error: 'Twilio 20429 (HTTP 429): Too Many Requests',
    });
  });

  it('retries when Twilio does not answer in time', async () => {
    twilio.answerWith('hang');
    // A trailing slash on TWILIO_API_URL is fine too.
    const impatient = createTwilioChannel({ ...settings, apiUrl: `${twilio.apiUrl}/`, timeoutMs: 300 });
    try {
      expect(await impatient.send(channelMessage())).toEqual({
        kind: 'retry',
        error: 'timed out after 300 ms',
      });
    } finally {
      await impatient.close();
    }
  });

  it('fails when the credentials are wrong (the receiver checks them)', async () => {
    const other = await startTwilioApi({ accountSid: ACCOUNT_SID, authToken: 'another-token' });
    const wrong = createTwilioChannel({ ...settings, apiUrl: other.apiUrl });
    try {
      expect(await wrong.send(channelMessage())).toEqual({
        kind: 'failed',
        error: 'Twilio 20003 (HTTP 401): Authenticate',
      });
      expect(other.rejected).toHaveLength(1);
      expect(other.received).toEqual([]);
    } finally {
      await wrong.close();
      await other.close();
    }
  });
});
