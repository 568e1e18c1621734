import type { NotificationStats } from '../shared/notifications';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, createPatients, outboxSettles } from './support/engine';
import type { Patient } from './support/engine';

/** How the delivery worker treats each answer a push service can give. */
let receiver: PushReceiver;
let server: TestServer;
let nurse: { token: string };

beforeAll(async () => {
  receiver = await startPushReceiver();
  server = await startTestServer(
    { PUSH_ALLOWED_ORIGINS: receiver.origin, SEED_DEMO: 'true' },
    { pushTimeoutMs: 400 },
  );
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});
beforeEach(async () => {
  await api(server, 'POST', '/api/queues/OPD/close', { token: nurse.token });
  receiver.setBehaviour('all', { status: 201 });
  await outboxSettles(server, ALL_DELIVERED);
});

interface Row {
  id: number;
  delivery_status: string;
  push_status: string;
  push_attempts: number;
  last_error: string | null;
}

async function latestFor(patient: Patient): Promise<Row | undefined> {
  const [row] = await server.ctx.sequelize.query<Row>(
    `SELECT id, delivery_status, push_status, push_attempts, last_error FROM notifications
      WHERE user_id = :id ORDER BY id DESC LIMIT 1`,
    { replacements: { id: patient.id }, type: QueryTypes.SELECT },
  );
  return row;
}

async function openAndWaitFor(patient: Patient, condition: string): Promise<Row> {
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  await outboxSettles(
    server,
    `SELECT coalesce((SELECT ${condition} FROM notifications WHERE user_id = ${patient.id} ORDER BY id DESC LIMIT 1), false) AS ok`,
  );
  const row = await latestFor(patient);
  if (!row) throw new Error('no notification');
  return row;
}

async function subscriptionCount(patient: Patient): Promise<number> {
  const [row] = await server.ctx.sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM push_subscriptions WHERE user_id = :id`,
    { replacements: { id: patient.id }, type: QueryTypes.SELECT },
  );
  return row?.n ?? -1;
}

describe('push service answers', () => {
  it.each([404, 410])(
    'deletes a subscription whose push service answers %i, and fails a notification it was the only way to',
    async (status) => {
      const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
      receiver.setBehaviour(receiver.endpointIdOf(patient.endpoint ?? ''), { status });
      const since = new Date();
      const row = await openAndWaitFor(patient, `push_status <> 'pending'`);
      expect(row.push_status).toBe('done');
      // No socket had it and no other channel is left to try: nothing more will happen to it.
      expect(row.delivery_status).toBe('failed');
      expect(await subscriptionCount(patient)).toBe(0);
      const stats = await api<NotificationStats>(
        server,
        'GET',
        `/api/notifications/stats?department=OPD&since=${encodeURIComponent(since.toISOString())}`,
        { token: nurse.token },
      );
      // Earlier tests' patients are notified too; those left with no subscription fail without a push.
      const [failed] = await server.ctx.sequelize.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE delivery_status = 'failed' AND created_at >= :since`,
        { replacements: { since }, type: QueryTypes.SELECT },
      );
      expect(stats.body.failed).toBe(failed?.n);
      expect(stats.body.byChannel.push.failed).toBe(1);
    },
  );

  it('counts a notification sent when one of its subscriptions is gone and another accepted it', async () => {
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    const second = receiver.subscriptionFor();
    await api(server, 'POST', '/api/push/subscriptions', { token: patient.token, body: second });
    receiver.setBehaviour(receiver.endpointIdOf(patient.endpoint ?? ''), { status: 410 });
    const row = await openAndWaitFor(patient, `push_status <> 'pending'`);
    expect(row.delivery_status).toBe('sent');
    expect(await subscriptionCount(patient)).toBe(1);
  });

  it('retries after a 500 and ends sent', async () => {
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    const endpointId = receiver.endpointIdOf(patient.endpoint ?? '');
    receiver.setBehaviour(endpointId, { status: 500, times: 1 });
    const row = await openAndWaitFor(patient, `delivery_status = 'sent'`);
    expect(row.push_attempts).toBe(2);
    expect(receiver.requestCount(endpointId)).toBe(2);
    expect(receiver.received.filter((push) => push.endpointId === endpointId)).toHaveLength(1);
    expect(await subscriptionCount(patient)).toBe(1);
  });

  it('waits at least the Retry-After of a 429', async () => {
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    const endpointId = receiver.endpointIdOf(patient.endpoint ?? '');
    receiver.setBehaviour(endpointId, { status: 429, retryAfter: 2, times: 1 });
    const started = Date.now();
    const row = await openAndWaitFor(patient, `delivery_status = 'sent'`);
    const accepted = receiver.received.find((push) => push.endpointId === endpointId);
    expect(accepted?.receivedAt.getTime() ?? 0).toBeGreaterThanOrEqual(started + 2000);
    expect(row.push_attempts).toBe(2);
  });

  it('retries a push service that never answers, after the timeout', async () => {
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    const endpointId = receiver.endpointIdOf(patient.endpoint ?? '');
    receiver.setBehaviour(endpointId, { hang: true, times: 1 });
    const row = await openAndWaitFor(patient, `delivery_status = 'sent'`);
    expect(row.push_attempts).toBe(2);
    expect(receiver.received.filter((push) => push.endpointId === endpointId)).toHaveLength(1);
  });

  it('marks a notification failed once every attempt has failed', async () => {
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    const endpointId = receiver.endpointIdOf(patient.endpoint ?? '');
    receiver.setBehaviour(endpointId, { status: 503 });
    const first = await openAndWaitFor(patient, `push_attempts >= 1 AND lease_until IS NULL`);
    expect(first).toMatchObject({ push_status: 'pending', delivery_status: 'pending' });
    expect(first.last_error).toMatch(/503/);
    // Skip the back-off waits: jump to the last allowed attempt and make it due now.
    await server.ctx.sequelize.query(
      `UPDATE notifications SET push_attempts = 5, next_attempt_at = now() WHERE id = :id`,
      { replacements: { id: first.id } },
    );
    await outboxSettles(
      server,
      `SELECT push_status = 'failed' AS ok FROM notifications WHERE id = ${first.id}`,
    );
    expect(await latestFor(patient)).toMatchObject({
      push_status: 'failed',
      delivery_status: 'failed',
      push_attempts: 6,
    });
  });

  it('does not push to a patient who turned push off, but still records the notification', async () => {
    const [patient] = (await createPatients(server, receiver, 1, { push: false })) as [Patient];
    const endpointId = receiver.endpointIdOf(patient.endpoint ?? '');
    const row = await openAndWaitFor(patient, `push_status = 'done'`);
    // With push off and no email channel on this server, nothing can reach it: it is failed, not pending.
    expect(row.delivery_status).toBe('failed');
    expect(receiver.requestCount(endpointId)).toBe(0);
  });
});
