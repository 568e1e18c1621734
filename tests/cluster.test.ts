import { afterEach, beforeAll, afterAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Notification } from '../shared/notifications';
import type { QueueStatus } from '../shared/schemas';
import { createSequelize } from '../server/db/connection';
import { createTestDatabase } from './support/db';
import type { TestDatabase } from './support/db';
import { spawnTs } from './support/process';
import type { Spawned } from './support/process';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser } from './support/server';
import { connectSocket, nextEvent } from './support/engine';
import type { ClientSocket } from './support/engine';

/** Several server processes on one database, joined by Socket.IO's PostgreSQL adapter. */
let receiver: PushReceiver;
const children: Spawned[] = [];
const sockets: ClientSocket[] = [];
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  receiver = await startPushReceiver();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await Promise.all(children.splice(0).map((child) => child.stop('SIGKILL')));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(async () => {
  await receiver.close();
});

interface Process {
  url: string;
  child: Spawned;
}

async function startProcess(db: TestDatabase, env: Record<string, string> = {}): Promise<Process> {
  const child = spawnTs('server/main.ts', [], {
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    CLUSTER: 'true',
    PUSH_ALLOWED_ORIGINS: receiver.origin,
    ...env,
  });
  children.push(child);
  const [, url] = await child.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
  return { url: url ?? '', child };
}

async function freshDatabase(): Promise<{ db: TestDatabase; sequelize: Sequelize }> {
  const db = await createTestDatabase();
  // Models bind to the newest Sequelize in this process, so signedInUser() writes to this database.
  const sequelize = createSequelize({ url: db.url, poolMax: 2 });
  cleanups.push(async () => {
    await sequelize.close();
    await db.drop();
  });
  return { db, sequelize };
}

/** One sample of a process's /metrics, e.g. `queuebell_push_requests_total{outcome="accepted"}`. */
async function metric(server: { url: string }, sample: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  if (!line) throw new Error(`no ${sample} in /metrics`);
  return Number(line.slice(sample.length + 1));
}

const acceptedPushes = (server: { url: string }) =>
  metric(server, 'queuebell_push_requests_total{outcome="accepted"}');

/**
 * Until both processes know of each other (through the adapter's heartbeats): one that just started may
 * not know the other yet, and would not hand it its sockets' notifications.
 */
async function clusterFormed(...servers: Array<{ url: string }>): Promise<void> {
  for (const server of servers) {
    await expect
      .poll(() => metric(server, 'queuebell_cluster_processes'), { timeout: 20_000 })
      .toBe(servers.length);
  }
}

async function subscribedPatients(server: { url: string }, count: number) {
  const patients = [];
  for (let index = 0; index < count; index++) {
    const user = await signedInUser(server, 'patient');
    const subscription = receiver.subscriptionFor();
    await api(server, 'POST', '/api/push/subscriptions', { token: user.token, body: subscription });
    patients.push({ ...user, endpointId: receiver.endpointIdOf(subscription.endpoint) });
  }
  return patients;
}

it('reaches sockets on process B when a nurse opens through process A, and delivers each notification once', async () => {
  const { db, sequelize } = await freshDatabase();
  // Batches of one, so the fan-out is recorded ten at a time: the processes take turns recording it, and
  // each sends what it recorded.
  const [a, b] = await Promise.all([
    startProcess(db, { DELIVERY_BATCH_SIZE: '1' }),
    startProcess(db, { DELIVERY_BATCH_SIZE: '1' }),
  ]);
  await clusterFormed(a, b);
  const nurse = await signedInUser(a, 'nurse');
  const patients = await subscribedPatients(a, 24);
  const watcher = patients[0];
  if (!watcher) throw new Error('no patient');

  let ownNotification: Promise<Notification> | undefined;
  const onB = await connectSocket(b, watcher.token, (socket) => {
    ownNotification = new Promise((resolve) =>
      socket.on('notification:new', (notification, ack) => {
        ack(true);
        if (notification.type === 'queue_opened') resolve(notification);
      }),
    );
  });
  sockets.push(onB);
  await onB.emitWithAck('queue:subscribe', ['OPD']);
  const status = nextEvent(onB, 'queue:status');

  const opened = await api(a, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  expect(opened.status).toBe(200);
  expect(((await status)[0] as QueueStatus).isOpen).toBe(true);
  const notification = await ownNotification;
  expect(notification).toMatchObject({ type: 'queue_opened', department: 'OPD' });

  await receiver.waitUntil(
    () =>
      patients.every((patient) => receiver.received.some((push) => push.endpointId === patient.endpointId)),
    30_000,
  );
  for (const patient of patients) {
    expect(
      receiver.received.filter((push) => push.endpointId === patient.endpointId),
      `patient ${patient.id}`,
    ).toHaveLength(1);
    expect(receiver.requestCount(patient.endpointId)).toBe(1);
  }
  const rows = await sequelize.query<{ user_id: number; n: number }>(
    `SELECT user_id, count(*)::int AS n FROM notifications WHERE type = 'queue_opened' GROUP BY user_id`,
    { type: QueryTypes.SELECT },
  );
  expect(rows.filter((row) => patients.some((patient) => patient.id === Number(row.user_id)))).toHaveLength(
    patients.length,
  );
  expect(rows.every((row) => row.n === 1)).toBe(true);
  expect(receiver.rejected).toEqual([]);
  // Both processes sent pushes, and together exactly one per patient.
  const [sentByA, sentByB] = await Promise.all([acceptedPushes(a), acceptedPushes(b)]);
  expect(sentByA).toBeGreaterThan(0);
  expect(sentByB).toBeGreaterThan(0);
  expect(sentByA + sentByB).toBe(patients.length);
}, 90_000);

it('hands a notification to its owner’s socket on another process, whose ack marks it delivered', async () => {
  const { db, sequelize } = await freshDatabase();
  // B delivers nothing itself: the notification can only reach its socket through A's message.
  const [a, b] = await Promise.all([startProcess(db), startProcess(db, { DELIVERY_WORKERS: 'false' })]);
  await clusterFormed(a, b);
  const nurse = await signedInUser(a, 'nurse');
  const patient = await signedInUser(a, 'patient');
  const received: Notification[] = [];
  let first: Promise<Notification> | undefined;
  const onB = await connectSocket(b, patient.token, (socket) => {
    first = new Promise((resolve) =>
      socket.on('notification:new', (notification, ack) => {
        received.push(notification);
        ack(true);
        resolve(notification);
      }),
    );
  });
  sockets.push(onB);

  expect((await api(a, 'POST', '/api/queues/OPD/open', { token: nurse.token })).status).toBe(200);
  const notification = await first;
  expect(notification).toMatchObject({ type: 'queue_opened', department: 'OPD' });
  const deliveryStatus = async () => {
    const [row] = await sequelize.query<{ delivery_status: string }>(
      'SELECT delivery_status FROM notifications WHERE id = :id',
      { replacements: { id: notification?.id }, type: QueryTypes.SELECT },
    );
    return row?.delivery_status;
  };
  // Well before the 10 s ack timeout: the ack itself is what records it, not the timeout's callback.
  await expect.poll(deliveryStatus, { timeout: 5_000 }).toBe('delivered');
  expect(received.map((item) => item.id)).toEqual([notification?.id]);
}, 90_000);

it('lets process B finish when process A is killed mid-fan-out, repeating only the sends A never recorded', async () => {
  const { db, sequelize } = await freshDatabase();
  const settings = { DELIVERY_BATCH_SIZE: '4', DELIVERY_LEASE_SECONDS: '2', PUSH_TIMEOUT_MS: '60000' };
  const a = await startProcess(db, settings);
  const nurse = await signedInUser(a, 'nurse');
  const patients = await subscribedPatients(a, 12);
  // Half the phones' push service never answers: A's batch that reaches one of them stays in flight.
  const hanging = new Set(patients.slice(6).map((patient) => patient.endpointId));
  for (const endpointId of hanging) receiver.setBehaviour(endpointId, { hang: true });

  await api(a, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  await receiver.waitUntil(() => [...hanging].some((id) => receiver.requestCount(id) > 0), 20_000);
  const recordedBeforeKill = await sequelize.query<{ id: number; user_id: number }>(
    `SELECT id, user_id FROM notifications WHERE delivery_status = 'sent'`,
    { type: QueryTypes.SELECT },
  );
  await a.child.stop('SIGKILL');
  for (const endpointId of hanging) receiver.setBehaviour(endpointId, { status: 201 });

  await startProcess(db, settings);
  await receiver.waitUntil(
    () =>
      patients.every((patient) => receiver.received.some((push) => push.endpointId === patient.endpointId)),
    30_000,
  );
  const recordedUsers = new Set(recordedBeforeKill.map((row) => Number(row.user_id)));
  let repeated = 0;
  for (const patient of patients) {
    const accepted = receiver.received.filter((push) => push.endpointId === patient.endpointId);
    const ids = new Set(accepted.map((push) => (push.payload as { id: number }).id));
    // Everyone is reached; a repeat carries the same notification id, so the phone shows it once.
    expect(ids.size, `patient ${patient.id}`).toBe(1);
    if (receiver.requestCount(patient.endpointId) > 1) {
      repeated += 1;
      // Only a send whose outcome A never recorded is repeated.
      expect(recordedUsers.has(patient.id), `patient ${patient.id}`).toBe(false);
    }
  }
  // At most the batch A had in flight when it died.
  expect(repeated).toBeGreaterThan(0);
  expect(repeated).toBeLessThanOrEqual(Number(settings.DELIVERY_BATCH_SIZE));
  // B records its last batch just after the receiver answered it; another process's commit has no signal here.
  const unsent = async () => {
    const [row] = await sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE type = 'queue_opened' AND delivery_status <> 'sent'`,
      { type: QueryTypes.SELECT },
    );
    return row?.n;
  };
  await expect.poll(unsent, { timeout: 10_000 }).toBe(0);
}, 120_000);
