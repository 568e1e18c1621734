import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Clock } from '../../server/clock';
import { emitWebhookEvent } from '../../server/webhooks/emit';
import type { AdminLogPage } from '../../shared/staff';
import type { Webhook } from '../../shared/webhooks';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { startWebhookReceiver } from '../support/webhook-receiver';
import type { WebhookReceiver } from '../support/webhook-receiver';
import { deliveryOf, deliverySettles, subscribe } from './support';

/** The server's clock: the machine's, until the last test moves it days ahead. */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

let server: TestServer;
let receiver: WebhookReceiver;
let admin: { token: string };
const SERVER_KEY = 'a server key of at least sixteen characters';

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer(
    { WEBHOOK_ALLOWED_ORIGINS: `${receiver.origin},http://localhost:1`, WEBHOOK_SECRET_KEY: SERVER_KEY },
    { clock, webhooks: { retry: { baseDelayMs: 50, maxDelayMs: 400 } } },
  );
  admin = await signedInUser(server, 'admin');
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

const testEvent = async (webhookId: number) => {
  const sent = await api<{ deliveryId: number }>(server, 'POST', `/api/webhooks/${webhookId}/test`, {
    token: admin.token,
  });
  expect(sent.status).toBe(202);
  return sent.body.deliveryId;
};
const settles = (deliveryId: number, status: string) =>
  deliverySettles(server.webhooks, server.ctx.sequelize, deliveryId, (row) => row.status === status);

describe('webhook events from the queue', () => {
  it('sends each change, signed, with ids and numbers but no patient name or contact', async () => {
    const { webhook, secret } = await subscribe(server, admin.token, receiver, [
      'queue.opened',
      'queue.closed',
      'ticket.created',
      'ticket.called',
      'ticket.completed',
      'ticket.no_show',
    ]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const stored = await server.ctx.sequelize.query<{ secret: string }>(
      `SELECT secret FROM webhooks WHERE id = :id`,
      { replacements: { id: webhook.id }, type: QueryTypes.SELECT },
    );
    expect(stored[0]?.secret).toMatch(/^enc1:/);
    expect(stored[0]?.secret).not.toContain(secret.slice(6));

    const nurse = await signedInUser(server, 'nurse');
    const patients = [
      await signedInUser(server, 'patient', { name: 'Ada Lovelace' }),
      await signedInUser(server, 'patient', { name: 'Grace Hopper' }),
    ];
    await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token });
    const tickets: number[] = [];
    for (const patient of patients) {
      const joined = await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/LAB/tickets', {
        token: patient.token,
      });
      tickets.push(joined.body.ticket.id);
    }
    const call = () =>
      api(server, 'POST', '/api/queues/LAB/call-next', { token: nurse.token, body: { room: 'Room 2' } });
    await call();
    await api(server, 'POST', `/api/tickets/${tickets[0]}/complete`, { token: nurse.token });
    await call();
    await api(server, 'POST', `/api/tickets/${tickets[1]}/no-show`, { token: nurse.token });
    await api(server, 'POST', '/api/queues/LAB/close', { token: nurse.token });

    const events = await receiver.waitFor(8);
    const types = events.map((event) => event.payload.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'queue.opened',
        'ticket.created',
        'ticket.called',
        'ticket.completed',
        'ticket.no_show',
        'queue.closed',
      ]),
    );
    expect(types.filter((type) => type === 'ticket.created')).toHaveLength(2);
    expect(types.filter((type) => type === 'ticket.called')).toHaveLength(2);
    const called = events.find((event) => event.payload.type === 'ticket.called');
    expect(called?.payload.data).toMatchObject({
      ticketId: tickets[0],
      number: expect.stringMatching(/^LAB-\d{3}$/),
      department: 'LAB',
      room: 'Room 2',
    });
    const completed = events.find((event) => event.payload.type === 'ticket.completed');
    expect(completed?.payload.data).toMatchObject({ ticketId: tickets[0], status: 'done' });
    expect(events.find((event) => event.payload.type === 'queue.opened')?.payload.data).toMatchObject({
      department: 'LAB',
      reason: 'manual',
    });
    for (const event of events) {
      expect(event.payload.timestamp).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      const text = JSON.stringify(event.payload);
      for (const patient of patients) expect(text).not.toContain(patient.email);
      expect(text).not.toMatch(/Ada|Grace|Lovelace|Hopper/);
    }
    // One id per event.
    expect(new Set(events.map((event) => event.webhookId)).size).toBe(events.length);
    expect(receiver.rejected).toEqual([]);

    // The secret is never answered again.
    const listed = await api<Webhook[]>(server, 'GET', '/api/webhooks', { token: admin.token });
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    await api(server, 'DELETE', `/api/webhooks/${webhook.id}`, { token: admin.token });
  });

  it('tells a transfer as ticket.transferred, with both numbers and no patient name', async () => {
    const { webhook } = await subscribe(server, admin.token, receiver, ['ticket.transferred']);
    const nurse = await signedInUser(server, 'nurse');
    const patient = await signedInUser(server, 'patient', { name: 'Katherine Johnson' });
    for (const code of ['OPD', 'PHARM'])
      await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token });
    const joined = await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/OPD/tickets', {
      token: patient.token,
    });
    const moved = await api<{ from: { id: number; number: string }; to: { id: number; number: string } }>(
      server,
      'POST',
      `/api/tickets/${joined.body.ticket.id}/transfer`,
      { token: nurse.token, body: { department: 'PHARM' } },
    );
    expect(moved.status).toBe(200);
    const [event] = await receiver.waitFor(1, (received) => received.payload.type === 'ticket.transferred');
    expect(event?.payload.data).toMatchObject({
      ticketId: moved.body.to.id,
      from: { ticketId: moved.body.from.id, department: 'OPD', number: moved.body.from.number },
      to: { ticketId: moved.body.to.id, department: 'PHARM', number: moved.body.to.number },
    });
    expect(JSON.stringify(event?.payload)).not.toMatch(/Katherine|Johnson|@/);
    await api(server, 'DELETE', `/api/webhooks/${webhook.id}`, { token: admin.token });
  });

  it('never sends an event whose transaction rolled back', async () => {
    const { webhook } = await subscribe(server, admin.token, receiver, ['queue.opened', 'webhook.test']);
    const { sequelize } = server.ctx;
    await expect(
      sequelize.transaction(async (transaction) => {
        await emitWebhookEvent(sequelize, transaction, 'queue.opened', { department: 'ROLLED' }, new Date());
        throw new Error('the change failed after its event was recorded');
      }),
    ).rejects.toThrow('the change failed');
    // A later event of the same webhook arrives, and it is the only one that does.
    const before = receiver.received.length;
    const deliveryId = await testEvent(webhook.id);
    await settles(deliveryId, 'delivered');
    const after = receiver.received.slice(before);
    expect(after.map((event) => event.payload.type)).toEqual(['webhook.test']);
    expect(JSON.stringify(receiver.received)).not.toContain('ROLLED');
    const [left] = await sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_events WHERE data ->> 'department' = 'ROLLED'`,
      { type: QueryTypes.SELECT },
    );
    expect(left?.n).toBe(0);
    await api(server, 'DELETE', `/api/webhooks/${webhook.id}`, { token: admin.token });
  });
});

describe('retries', () => {
  let webhookId: number;
  beforeAll(async () => {
    ({
      webhook: { id: webhookId },
    } = await subscribe(server, admin.token, receiver, ['webhook.test']));
  });

  it('delivers once after a 500, with the same webhook-id on the retry', async () => {
    receiver.answerNext({ status: 500 });
    const before = receiver.received.length;
    const deliveryId = await testEvent(webhookId);
    await settles(deliveryId, 'delivered');
    const attempts = receiver.received.slice(before);
    expect(attempts.map((event) => event.answeredWith)).toEqual([500, 204]);
    expect(attempts[0]?.webhookId).toBe(attempts[1]?.webhookId);
    expect(attempts[0]?.webhookId).toMatch(/^msg_/);
    expect(await deliveryOf(server, admin.token, webhookId, deliveryId)).toMatchObject({
      event: 'webhook.test',
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      nextAttemptAt: null,
      deliveredAt: expect.any(String),
    });
  });

  it("waits for a 429's Retry-After before trying again", async () => {
    receiver.answerNext({ status: 429, headers: { 'retry-after': '2' } });
    const before = receiver.received.length;
    const deliveryId = await testEvent(webhookId);
    await settles(deliveryId, 'delivered');
    const [limited, retried] = receiver.received.slice(before);
    expect(limited?.answeredWith).toBe(429);
    expect(retried?.webhookId).toBe(limited?.webhookId);
    // The backoff alone would have tried again after 50 ms.
    expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(2_000);
  });

  it('gives up at once on a 4xx other than 429', async () => {
    receiver.answerNext({ status: 410 });
    const before = receiver.received.length;
    const deliveryId = await testEvent(webhookId);
    expect(await settles(deliveryId, 'failed')).toEqual({ status: 'failed', attempts: 1 });
    expect(receiver.received.slice(before).map((event) => event.answeredWith)).toEqual([410]);
    expect(await deliveryOf(server, admin.token, webhookId, deliveryId)).toMatchObject({
      status: 'failed',
      lastStatusCode: 410,
      deliveredAt: null,
    });
  });

  it('turns a webhook off, and says so in the admin log, once every delivery has failed for 3 days', async () => {
    receiver.answerWith({ status: 503 });
    const deliveryId = await testEvent(webhookId);
    await deliverySettles(server.webhooks, server.ctx.sequelize, deliveryId, (row) => row.attempts >= 2);
    let webhooks = await api<Webhook[]>(server, 'GET', '/api/webhooks', { token: admin.token });
    expect(webhooks.body.find((webhook) => webhook.id === webhookId)?.active).toBe(true);

    offsetMs = 3 * 24 * 3600_000 + 60_000;
    server.webhooks.wake();
    await settles(deliveryId, 'failed');
    webhooks = await api<Webhook[]>(server, 'GET', '/api/webhooks', { token: admin.token });
    expect(webhooks.body.find((webhook) => webhook.id === webhookId)?.active).toBe(false);
    const log = await api<AdminLogPage>(server, 'GET', '/api/admin/log?limit=20', { token: admin.token });
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ action: 'webhook.deactivated', target: `webhook:${webhookId}`, actor: null }),
    );
    // An inactive webhook gets no new events.
    const [pending] = await server.ctx.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = :webhookId AND status = 'pending'`,
      { replacements: { webhookId }, type: QueryTypes.SELECT },
    );
    expect(pending?.n).toBe(0);
    receiver.answerWith({ status: 204 });
    offsetMs = 0;
  });
});
