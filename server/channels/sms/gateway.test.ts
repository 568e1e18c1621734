import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelMessage } from '../../../tests/support/channel-message';
import { startSmsGateway } from '../../../tests/support/sms-receivers/gateway';
import type { SmsGatewayReceiver } from '../../../tests/support/sms-receivers/gateway';
import type { Channel } from '../types';
import { createGatewayChannel } from './gateway';
import { createSmsChannel } from './index';

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;
const SECRET = secret();

let gateway: SmsGatewayReceiver;
let channel: Channel;
const opened: Channel[] = [];

/** A gateway channel closed after the test file. */
function open(options: { url: string; secret?: string; timeoutMs?: number; now?: () => number }): Channel {
  const created = createGatewayChannel({ secret: SECRET, timeoutMs: 2_000, ...options });
  opened.push(created);
  return created;
}

beforeAll(async () => {
  gateway = await startSmsGateway({ secret: SECRET });
  channel = createSmsChannel({ kind: 'gateway', url: gateway.url, secret: SECRET }, { timeoutMs: 2_000 });
  opened.push(channel);
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await gateway.close();
});
afterEach(() => {
  gateway.answerWith({ status: 202 });
  expect(gateway.rejected).toEqual([]);
});

describe('SMS gateway channel against a Standard Webhooks receiver', () => {
  it('posts a call once, as signed JSON {id, to, body}', async () => {
    const before = gateway.received.length;
    expect(await channel.send(channelMessage({ id: 101 }))).toEqual({ kind: 'sent' });
    expect(gateway.received.slice(before)).toEqual([
      {
        webhookId: 'msg_sms_101',
        timestamp: expect.any(Number),
        contentType: 'application/json',
        payload: {
          id: 101,
          to: '+34612345678',
          body: 'Queuebell: your turn. Ticket OPD-004, go to room 3 now.',
        },
      },
    ]);
    const { timestamp } = gateway.received[before]!;
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
  });

  it('is refused by a receiver that holds another secret: the signature is checked', async () => {
    const other = await startSmsGateway({ secret: secret() });
    try {
      const outcome = await open({ url: other.url }).send(channelMessage({ id: 102 }));
      expect(outcome).toEqual({ kind: 'failed', error: 'HTTP 401' });
      expect(other.rejected).toHaveLength(1);
      expect(other.received).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('sends the same webhook-id each time it sends one notification, so the gateway can de-duplicate', async () => {
    const before = gateway.received.length;
    gateway.answerWith({ status: 503 });
    expect(await channel.send(channelMessage({ id: 103 }))).toMatchObject({ kind: 'retry' });
    gateway.answerWith({ status: 202 });
    expect(await channel.send(channelMessage({ id: 103 }))).toEqual({ kind: 'sent' });
    expect(await channel.send(channelMessage({ id: 104 }))).toEqual({ kind: 'sent' });
    const ids = gateway.received.slice(before).map((text) => text.webhookId);
    expect(ids).toEqual(['msg_sms_103', 'msg_sms_103', 'msg_sms_104']);
  });

  it('retries a 503 after its Retry-After seconds', async () => {
    gateway.answerWith({ status: 503, headers: { 'retry-after': '7' } });
    expect(await channel.send(channelMessage())).toEqual({
      kind: 'retry',
      error: 'HTTP 503',
      retryAfterMs: 7_000,
    });
  });

  it('retries a 429 at its Retry-After HTTP-date', async () => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const timed = open({ url: gateway.url, now: () => now });
    const retryAt = new Date(now + 90_000).toUTCString();
    gateway.answerWith({ status: 429, headers: { 'retry-after': retryAt } });
    expect(await timed.send(channelMessage())).toEqual({
      kind: 'retry',
      error: 'HTTP 429',
      retryAfterMs: 90_000,
    });
  });

  it("gives up on a 400, and retries a 500 without Retry-After at the worker's own pace", async () => {
    gateway.answerWith({ status: 400, body: 'bad number +34612345678' });
    expect(await channel.send(channelMessage())).toEqual({ kind: 'failed', error: 'HTTP 400' });
    gateway.answerWith({ status: 500 });
    expect(await channel.send(channelMessage())).toEqual({ kind: 'retry', error: 'HTTP 500' });
  });

  it('retries when the gateway never answers, after the time-out', async () => {
    gateway.answerWith('hang');
    const impatient = open({ url: gateway.url, timeoutMs: 300 });
    const started = Date.now();
    expect(await impatient.send(channelMessage())).toEqual({
      kind: 'retry',
      error: 'timed out after 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('retries when nothing listens', async () => {
    const outcome = await open({ url: `http://127.0.0.1:${await closedPort()}/sms` }).send(channelMessage());
    expect(outcome).toEqual({ kind: 'retry', error: 'network error (ECONNREFUSED)' });
  });

  it('reaches only a patient with a phone number', async () => {
    const noPhone = channelMessage({ phone: null });
    expect(channel.canReach(noPhone.recipient)).toBe(false);
    expect(channel.canReach(channelMessage().recipient)).toBe(true);
    expect(await channel.send(noPhone)).toEqual({ kind: 'failed', error: 'no phone number' });
    expect(channel.name).toBe('sms');
  });
});

/** A port that was free a moment ago and has nobody listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
