import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { QueueChangeAnswer } from '../shared/queues';
import { generateVapidKeys } from '../server/push/vapid';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, createPatients, outboxSettles } from './support/engine';

let receiver: PushReceiver;
let server: TestServer;
let nurse: { token: string; id: number };

beforeAll(async () => {
  const vapid = generateVapidKeys();
  // The receiver refuses any push not signed with the server's VAPID key.
  receiver = await startPushReceiver({ expectedVapidPublicKey: vapid.publicKey });
  server = await startTestServer({
    PUSH_ALLOWED_ORIGINS: receiver.origin,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
  });
  nurse = await signedInUser(server, 'nurse', { name: 'Nurse Nadia' });
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});
beforeEach(async () => {
  // Every test starts with all queues closed, so each open is a real transition.
  for (const code of ['OPD', 'LAB', 'PHARM']) {
    await api(server, 'POST', `/api/queues/${code}/close`, { token: nurse.token });
  }
  await outboxSettles(server, ALL_DELIVERED);
});

async function perUser(eventType: string, department: string): Promise<Map<number, number>> {
  const rows = await server.ctx.sequelize.query<{ user_id: number; n: number }>(
    `SELECT n.user_id, count(*)::int AS n FROM notifications n JOIN departments d ON d.id = n.department_id
      WHERE n.type = :eventType AND d.code = :department GROUP BY n.user_id`,
    { replacements: { eventType, department }, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((row) => [Number(row.user_id), row.n]));
}

describe('opening a queue', () => {
  it('notifies each following patient exactly once, by push too, and nobody who opted out', async () => {
    const followers = await createPatients(server, receiver, 6);
    const [labOnly] = await createPatients(server, receiver, 1, { departments: ['LAB'] });
    const pushesBefore = receiver.received.length;

    const opened = await api<QueueChangeAnswer>(server, 'POST', '/api/queues/OPD/open', {
      token: nurse.token,
      body: { note: 'morning clinic' },
    });
    expect(opened.status).toBe(200);
    expect(opened.body.message).toBe('Queue opened successfully');
    expect(opened.body.status).toMatchObject({
      department: 'OPD',
      isOpen: true,
      statusMessage: 'Queue Open - No Wait',
    });
    expect(opened.body.notificationStats.notificationFailures).toBe(0);
    await outboxSettles(server, ALL_DELIVERED);

    const counts = await perUser('queue_opened', 'OPD');
    for (const patient of followers) expect(counts.get(patient.id)).toBe(1);
    expect(counts.has(labOnly?.id ?? -1)).toBe(false);
    expect(opened.body.notificationStats.totalPatientsNotified).toBe(counts.size);

    const pushes = receiver.received.slice(pushesBefore);
    for (const patient of followers) {
      const mine = pushes.filter((push) => push.endpointId === receiver.endpointIdOf(patient.endpoint ?? ''));
      expect(mine).toHaveLength(1);
      const payload = mine[0]?.payload as Record<string, unknown>;
      expect(Object.keys(payload).sort()).toEqual([
        'body',
        'department',
        'id',
        'mutable',
        'notification',
        'receipt',
        'title',
        'type',
        'url',
        'web_push',
      ]);
      expect(payload).toMatchObject({ type: 'queue_opened', department: 'OPD' });
      expect(JSON.stringify(payload)).not.toContain('Privatename');
      expect(mine[0]?.headers.ttl).toBeGreaterThan(0);
      expect(mine[0]?.headers.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    }
    expect(pushes.some((push) => push.endpointId === receiver.endpointIdOf(labOnly?.endpoint ?? ''))).toBe(
      false,
    );
    expect(receiver.rejected).toEqual([]);
    const sent = await server.ctx.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE type = 'queue_opened' AND delivery_status <> 'sent'
         AND user_id IN (:ids)`,
      { replacements: { ids: followers.map((patient) => patient.id) }, type: QueryTypes.SELECT },
    );
    expect(sent[0]?.n).toBe(0);
  });

  it('sends nothing and writes no audit entry when the queue is already open', async () => {
    await createPatients(server, receiver, 2);
    await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token });
    await outboxSettles(server, ALL_DELIVERED);
    const before = await perUser('queue_opened', 'LAB');
    const logBefore = await api<unknown[]>(server, 'GET', '/api/queues/LAB/log', { token: nurse.token });
    const pushesBefore = receiver.received.length;

    const again = await api<QueueChangeAnswer>(server, 'POST', '/api/queues/LAB/open', {
      token: nurse.token,
    });
    expect(again.status).toBe(200);
    expect(again.body.message).toBe('Queue is already open');
    expect(again.body.notificationStats).toEqual({ totalPatientsNotified: 0, notificationFailures: 0 });
    await outboxSettles(server, ALL_DELIVERED);
    expect(await perUser('queue_opened', 'LAB')).toEqual(before);
    expect((await api<unknown[]>(server, 'GET', '/api/queues/LAB/log', { token: nurse.token })).body).toEqual(
      logBefore.body,
    );
    expect(receiver.received.length).toBe(pushesBefore);
  });

  it('makes one transition out of 20 concurrent opens: one audit entry, one notification per patient', async () => {
    const patients = await createPatients(server, null, 3);
    const logBefore = (await api<unknown[]>(server, 'GET', '/api/queues/PHARM/log', { token: nurse.token }))
      .body.length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api<QueueChangeAnswer>(server, 'POST', '/api/queues/PHARM/open', { token: nurse.token }),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => answer.body.message === 'Queue opened successfully')).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.message === 'Queue is already open')).toHaveLength(19);
    const log = await api<Array<{ newStatus: string }>>(server, 'GET', '/api/queues/PHARM/log', {
      token: nurse.token,
    });
    expect(log.body.length).toBe(logBefore + 1);
    expect(log.body[0]?.newStatus).toBe('open');
    await outboxSettles(server, ALL_DELIVERED);
    const [fanouts] = await server.ctx.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM fanouts f JOIN queue_events e ON f.event_key = 'queue_opened:' || e.id
        WHERE e.id = (SELECT max(id) FROM queue_events)`,
      { type: QueryTypes.SELECT },
    );
    expect(fanouts?.n).toBe(1);
    const latest = await server.ctx.sequelize.query<{ user_id: number; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM notifications
        WHERE event_key = 'queue_opened:' || (SELECT max(id) FROM queue_events) GROUP BY user_id`,
      { type: QueryTypes.SELECT },
    );
    for (const patient of patients)
      expect(latest.find((row) => Number(row.user_id) === patient.id)?.n).toBe(1);
    expect(latest.every((row) => row.n === 1)).toBe(true);
  });

  it('notifies again on the next opening, once', async () => {
    const [patient] = await createPatients(server, null, 1);
    await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
    await api(server, 'POST', '/api/queues/OPD/close', { token: nurse.token });
    await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
    await outboxSettles(server, ALL_DELIVERED);
    expect((await perUser('queue_opened', 'OPD')).get(patient?.id ?? -1)).toBe(2);
  });
});

describe('languages', () => {
  it("words each patient's notifications in their own language, push included", async () => {
    const [spanish, french, english] = await createPatients(server, receiver, 3);
    for (const [patient, locale] of [
      [spanish, 'es-MX'],
      [french, 'fr'],
    ] as const) {
      await api(server, 'PUT', '/api/me/preferences', {
        token: patient?.token,
        body: { departments: 'all', push: true, locale },
      });
    }
    await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token });
    await outboxSettles(server, ALL_DELIVERED);
    const titleFor = async (patient: { id: number } | undefined) => {
      const [row] = await server.ctx.sequelize.query<{ title: string }>(
        `SELECT title FROM notifications WHERE user_id = :id ORDER BY id DESC LIMIT 1`,
        { replacements: { id: patient?.id }, type: QueryTypes.SELECT },
      );
      return row?.title;
    };
    expect(await titleFor(spanish)).toBe('Laboratory está abierto');
    expect(await titleFor(french)).toBe('Laboratory est ouvert');
    expect(await titleFor(english)).toBe('Laboratory is open');
    const push = receiver.received.find(
      (message) => message.endpointId === receiver.endpointIdOf(spanish?.endpoint ?? ''),
    );
    expect(push?.payload).toMatchObject({ title: 'Laboratory está abierto' });
  });
});

describe('audit log and the older system route', () => {
  it('records who changed what and why, newest first', async () => {
    await api(server, 'POST', '/api/queues/LAB/open', {
      token: nurse.token,
      body: { note: 'opening early', manualOverride: true },
    });
    const status = await api<{ manualOverride: boolean }>(server, 'GET', '/api/queues/LAB');
    expect(status.body.manualOverride).toBe(true);
    await api(server, 'POST', '/api/queues/LAB/close', { token: nurse.token, body: { note: 'lunch' } });
    const log = await api<Array<Record<string, unknown>>>(server, 'GET', '/api/queues/LAB/log?limit=2', {
      token: nurse.token,
    });
    expect(log.status).toBe(200);
    expect(log.body).toHaveLength(2);
    expect(log.body[0]).toMatchObject({
      department: 'LAB',
      previousStatus: 'open',
      newStatus: 'closed',
      reason: 'manual',
      changedBy: { id: nurse.id, name: 'Nurse Nadia' },
      note: 'lunch',
    });
    expect(log.body[1]).toMatchObject({ newStatus: 'open', note: 'opening early' });
    expect(Date.parse(String(log.body[0]?.changedAt))).not.toBeNaN();
  });

  it('answers POST /operations/queue/status/ exactly in the older shape', async () => {
    const patients = await createPatients(server, null, 2);
    const opened = await api(server, 'POST', '/operations/queue/status/', {
      token: nurse.token,
      body: { department: 'opd', is_open: true },
    });
    expect(opened.status).toBe(200);
    const [{ n } = { n: -1 }] = await server.ctx.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE role = 'patient' AND (notify_departments IS NULL OR 'OPD' = ANY(notify_departments))`,
      { type: QueryTypes.SELECT },
    );
    expect(n).toBeGreaterThanOrEqual(patients.length);
    const [{ id } = { id: -1 }] = await server.ctx.sequelize.query<{ id: number }>(
      `SELECT id FROM departments WHERE code = 'OPD'`,
      { type: QueryTypes.SELECT },
    );
    expect(opened.body).toEqual({
      message: 'Queue opened successfully',
      status: {
        id: Number(id),
        department: 'OPD',
        is_open: true,
        total_waiting: 0,
        status_message: 'Queue Open - No Wait',
      },
      notification_stats: { total_patients_notified: n, notification_failures: 0 },
    });
    const read = await api(server, 'GET', '/operations/queue/status/?department=OPD');
    expect(read.body).toEqual({ status: (opened.body as { status: unknown }).status });
    const closed = await api<{ message: string }>(server, 'POST', '/operations/queue/status/', {
      token: nurse.token,
      body: { department: 'OPD', is_open: false },
    });
    expect(closed.body.message).toBe('Queue closed successfully');
    const log = await api<Array<{ reason: string }>>(server, 'GET', '/api/queues/OPD/log?limit=1', {
      token: nurse.token,
    });
    expect(log.body[0]?.reason).toBe('api');
  });
});

describe('who may change queues, and bad input', () => {
  it('refuses patients and strangers, and answers unknown departments with 404', async () => {
    const patient = await signedInUser(server, 'patient');
    expect((await api(server, 'POST', '/api/queues/OPD/open', { token: patient.token })).status).toBe(403);
    expect((await api(server, 'POST', '/api/queues/OPD/open')).status).toBe(401);
    expect((await api(server, 'GET', '/api/queues/OPD/log', { token: patient.token })).status).toBe(403);
    expect(
      (
        await api(server, 'POST', '/operations/queue/status/', {
          token: patient.token,
          body: { department: 'OPD', is_open: true },
        })
      ).status,
    ).toBe(403);
    expect((await api(server, 'POST', '/api/queues/NOPE/open', { token: nurse.token })).status).toBe(404);
    expect((await api(server, 'GET', '/api/queues/NOPE/log', { token: nurse.token })).status).toBe(404);
    expect((await api(server, 'GET', '/api/queues/OPD')).body).toMatchObject({ isOpen: false });
  });

  it('rejects bad bodies with 400 and changes nothing', async () => {
    for (const [path, body] of [
      ['/api/queues/OPD/open', { manualOverride: 'yes' }],
      ['/api/queues/OPD/open', { colour: 'red' }],
      ['/api/queues/OPD/open', { note: 'x'.repeat(600) }],
      ['/operations/queue/status/', { department: 'OPD' }],
      ['/operations/queue/status/', { department: 'OPD', is_open: 'true' }],
      ['/operations/queue/status/', { department: 'OPD', is_open: true, extra: 1 }],
    ] as const) {
      const response = await api(server, 'POST', path, { token: nurse.token, body });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
    }
    expect((await api(server, 'GET', '/operations/queue/status/')).status).toBe(400);
    expect((await api(server, 'GET', '/api/queues/OPD/log?limit=0', { token: nurse.token })).status).toBe(
      400,
    );
    expect((await api(server, 'GET', '/api/queues/OPD')).body).toMatchObject({ isOpen: false });
  });
});
