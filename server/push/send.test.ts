import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPushReceiver } from '../../tests/support/push-receiver';
import type { PushReceiver } from '../../tests/support/push-receiver';
import { createPushSender, toPushTopic } from './send';
import type { PushSender } from './send';
import { generateVapidKeys } from './vapid';

const vapid = { ...generateVapidKeys(), subject: 'mailto:ops@queuebell.test' };
const payload = {
  id: '0b0f6c1e-6f1b-4d0e-9d8e-1c2a3b4c5d6e',
  type: 'ticket_called',
  title: 'It is your turn',
  body: 'Please go to desk 3',
  department: 'OPD',
  url: '/tickets/42',
  receipt: 'r-42',
};
const ttl = { ttlSeconds: 600 };

let receiver: PushReceiver;
let sender: PushSender;

beforeAll(async () => {
  receiver = await startPushReceiver({ expectedVapidPublicKey: vapid.publicKey });
  sender = createPushSender({ vapid, timeoutMs: 2_000 });
});
afterAll(async () => {
  sender.close();
  await receiver.close();
});
afterEach(() => {
  receiver.setBehaviour('all', { status: 201 });
  expect(receiver.rejected).toEqual([]);
});

describe('push sender against an RFC 8030 receiver', () => {
  it('delivers a payload that the receiver decrypts, with TTL, Urgency and Topic', async () => {
    const subscription = receiver.subscriptionFor('alice');
    const outcome = await sender.send(subscription, payload, {
      ttlSeconds: 300,
      urgency: 'high',
      topic: 'OPD',
    });
    expect(outcome).toEqual({ kind: 'accepted', status: 201 });
    const endpointId = receiver.endpointIdOf(subscription.endpoint);
    const [message] = await receiver.waitFor((m) => m.endpointId === endpointId);
    expect(message?.payload).toEqual(payload);
    expect(message?.headers).toEqual({ ttl: 300, urgency: 'high', topic: 'OPD' });
  });

  it('sends Urgency normal by default and shortens a topic to 32 base64url characters', async () => {
    const subscription = receiver.subscriptionFor();
    const topic = 'queue-status:OPD:outpatients-department-main-building';
    await sender.send(subscription, payload, { ...ttl, topic });
    const [message] = await receiver.waitFor(
      (m) => m.endpointId === receiver.endpointIdOf(subscription.endpoint),
    );
    expect(message?.headers).toEqual({ ttl: 600, urgency: 'normal', topic: toPushTopic(topic) });
    expect(toPushTopic(topic)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(toPushTopic(`${topic}x`)).not.toBe(toPushTopic(topic));
  });

  it('signs the VAPID JWT once per push service origin', async () => {
    const subscriptions = Array.from({ length: 20 }, () => receiver.subscriptionFor());
    const ids = new Set(subscriptions.map((s) => receiver.endpointIdOf(s.endpoint)));
    const outcomes = await Promise.all(subscriptions.map((s) => sender.send(s, payload, ttl)));
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    const messages = receiver.received.filter((m) => ids.has(m.endpointId));
    expect(messages).toHaveLength(20);
    expect(new Set(messages.map((m) => m.authorization)).size).toBe(1);

    const second = await startPushReceiver({ expectedVapidPublicKey: vapid.publicKey });
    try {
      expect(await sender.send(second.subscriptionFor(), payload, ttl)).toMatchObject({ kind: 'accepted' });
      expect(second.received[0]?.authorization).not.toBe(messages[0]?.authorization);
      expect(second.rejected).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('maps 404 and 410 to gone', async () => {
    for (const status of [404, 410]) {
      const subscription = receiver.subscriptionFor();
      receiver.setBehaviour(subscription.endpoint, { status });
      expect(await sender.send(subscription, payload, ttl)).toEqual({ kind: 'gone', status });
    }
  });

  it('maps 429 to retry with Retry-After in seconds or as an HTTP-date', async () => {
    const subscription = receiver.subscriptionFor();
    receiver.setBehaviour(subscription.endpoint, { status: 429, retryAfter: 7, times: 1 });
    expect(await sender.send(subscription, payload, ttl)).toEqual({
      kind: 'retry',
      status: 429,
      retryAfterMs: 7_000,
    });

    // A whole second keeps the HTTP-date (second precision) exact; the JWT stays valid at real time.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const clocked = createPushSender({ vapid, now: () => now });
    try {
      receiver.setBehaviour(subscription.endpoint, {
        status: 429,
        retryAfter: new Date(now + 90_000).toUTCString(),
      });
      expect(await clocked.send(subscription, payload, ttl)).toEqual({
        kind: 'retry',
        status: 429,
        retryAfterMs: 90_000,
      });
    } finally {
      clocked.close();
    }
  });

  it('maps 500 to retry, and succeeds on the next send', async () => {
    const subscription = receiver.subscriptionFor();
    receiver.setBehaviour(subscription.endpoint, { status: 500, times: 1 });
    expect(await sender.send(subscription, payload, ttl)).toEqual({ kind: 'retry', status: 500 });
    expect(await sender.send(subscription, payload, ttl)).toEqual({ kind: 'accepted', status: 201 });
    expect(receiver.requestCount(subscription.endpoint)).toBe(2);
  });

  it('maps other 4xx answers to rejected', async () => {
    for (const status of [400, 401, 403, 413]) {
      const subscription = receiver.subscriptionFor();
      receiver.setBehaviour(subscription.endpoint, { status });
      expect(await sender.send(subscription, payload, ttl)).toMatchObject({ kind: 'rejected', status });
    }
  });

  it('gives up on a push service that never answers and reports retry', async () => {
    const subscription = receiver.subscriptionFor();
    receiver.setBehaviour(subscription.endpoint, { hang: true });
    const impatient = createPushSender({ vapid, timeoutMs: 150 });
    try {
      // A kept-alive connection first, so that the short timeout is not spent on the TLS handshake.
      expect(await impatient.send(receiver.subscriptionFor(), payload, ttl)).toMatchObject({
        kind: 'accepted',
      });
      const outcome = await impatient.send(subscription, payload, ttl);
      expect(outcome).toMatchObject({
        kind: 'retry',
        error: expect.stringMatching(/no answer within 150 ms/),
      });
      expect(outcome).not.toHaveProperty('status');
      expect(receiver.requestCount(subscription.endpoint)).toBe(1);
    } finally {
      impatient.close();
    }
  });

  it('keeps connections for a call to the room while every other one waits on a hung push service', async () => {
    const hung = receiver.subscriptionFor();
    receiver.setBehaviour(hung.endpoint, { hang: true });
    const narrow = createPushSender({ vapid, timeoutMs: 5_000, maxSockets: 2, prioritySockets: 1 });
    try {
      // Both ordinary connections wait on the hung endpoint, and a third ordinary push queues behind them.
      const stuck = [1, 2].map(() => narrow.send(hung, payload, ttl));
      const behind = receiver.subscriptionFor();
      const queued = narrow.send(behind, payload, ttl);
      await receiver.waitUntil(() => receiver.requestCount(hung.endpoint) === 2);
      const call = receiver.subscriptionFor();
      expect(await narrow.send(call, payload, { ...ttl, urgency: 'high' })).toEqual({
        kind: 'accepted',
        status: 201,
      });
      expect(receiver.requestCount(call.endpoint)).toBe(1);
      // The ordinary push is still waiting for a connection.
      expect(receiver.requestCount(behind.endpoint)).toBe(0);
      narrow.close();
      await Promise.all([...stuck, queued]);
    } finally {
      narrow.close();
    }
  });

  it('sends once more on a connection the push service dropped, and only once', async () => {
    const subscription = receiver.subscriptionFor();
    receiver.setBehaviour(subscription.endpoint, { drop: true, times: 1 });
    expect(await sender.send(subscription, payload, ttl)).toEqual({ kind: 'accepted', status: 201 });
    expect(receiver.requestCount(subscription.endpoint)).toBe(2);

    const dropping = receiver.subscriptionFor();
    receiver.setBehaviour(dropping.endpoint, { drop: true });
    expect(await sender.send(dropping, payload, ttl)).toMatchObject({
      kind: 'retry',
      error: expect.any(String),
    });
    expect(receiver.requestCount(dropping.endpoint)).toBe(2);
  });

  it('reports retry, without throwing, when the push service is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const subscription = { ...receiver.subscriptionFor(), endpoint: `https://127.0.0.1:${port}/push/x` };
    expect(await sender.send(subscription, payload, ttl)).toMatchObject({
      kind: 'retry',
      error: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('rejects, without sending, what can never be delivered', async () => {
    const subscription = receiver.subscriptionFor();
    const before = receiver.requestCount();
    const cases = [
      sender.send({ ...subscription, keys: { ...subscription.keys, p256dh: 'AAAA' } }, payload, ttl),
      sender.send(subscription, { text: 'x'.repeat(4_000) }, ttl),
      sender.send(
        { ...subscription, endpoint: subscription.endpoint.replace('https:', 'http:') },
        payload,
        ttl,
      ),
      sender.send({ ...subscription, endpoint: 'not a url' }, payload, ttl),
    ];
    for (const outcome of await Promise.all(cases)) {
      expect(outcome).toMatchObject({ kind: 'rejected', error: expect.any(String) });
      expect(outcome).not.toHaveProperty('status');
    }
    expect(receiver.requestCount()).toBe(before);
  });
});
