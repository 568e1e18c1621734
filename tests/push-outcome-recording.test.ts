import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { deliverBatch } from '../server/notifications/deliver';
import type { DeliveryDeps } from '../server/notifications/deliver';
import type { RecorderOptions } from '../server/notifications/record';
import { expandNextBatch } from '../server/notifications/expand';
import { createOutboxWorker } from '../server/notifications/worker';
import type { OutboxWorker } from '../server/notifications/worker';
import { createLogger } from '../server/logger';
import { createPushSender } from '../server/push/send';
import type { PushSender } from '../server/push/send';
import { adminQuery } from './support/db';
import { handDeliveryDeps } from './support/delivery';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { createPatients } from './support/engine';
import type { Patient } from './support/engine';

/** When a delivery's outcome is recorded: as its own pushes settle, and even across a database outage. */
const PUSH_TIMEOUT_MS = 1_500;
let receiver: PushReceiver;
let server: TestServer;
let sender: PushSender;
let nurse: { token: string };

beforeAll(async () => {
  receiver = await startPushReceiver();
  server = await startTestServer({ PUSH_ALLOWED_ORIGINS: receiver.origin, SEED_DEMO: 'true' });
  sender = createPushSender({ vapid: server.ctx.vapid, timeoutMs: PUSH_TIMEOUT_MS });
  nurse = await signedInUser(server, 'nurse');
  // Batches are delivered by hand here, so that a test decides what happens between send and record.
  await server.outbox.stop();
});
afterAll(async () => {
  sender.close();
  await server.stop();
  await receiver.close();
});
beforeEach(async () => {
  await server.ctx.sequelize.query(`DELETE FROM notifications`);
  await api(server, 'POST', '/api/queues/OPD/close', { token: nurse.token });
  await server.ctx.sequelize.query(`DELETE FROM notifications`);
  receiver.setBehaviour('all', { status: 201 });
});

function deps(push: PushSender, recording: Omit<RecorderOptions, 'sequelize'> = {}): DeliveryDeps {
  return handDeliveryDeps(server, push, { concurrency: 8, recording });
}

/** Opens OPD and records its notifications, without delivering any. */
async function openOpd(): Promise<void> {
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  while ((await expandNextBatch(server.ctx.sequelize)).kind === 'expanded');
}

interface Row {
  id: number;
  user_id: number;
  delivery_status: string;
  push_status: string;
  leased: boolean;
  last_error: string | null;
}

async function rowsOf(patients: Patient[]): Promise<Map<number, Row>> {
  const rows = await server.ctx.sequelize.query<Row>(
    `SELECT id, user_id, delivery_status, push_status, lease_until IS NOT NULL AS leased, last_error
       FROM notifications WHERE user_id IN (:ids)`,
    { replacements: { ids: patients.map((patient) => patient.id) }, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((row) => [Number(row.user_id), { ...row, id: Number(row.id) }]));
}

it('records the others’ outcomes, and schedules their retry, while one push service hangs', async () => {
  const [hung, accepting, failing] = await createPatients(server, receiver, 3);
  if (!hung || !accepting || !failing) throw new Error('no patients');
  receiver.setBehaviour(receiver.endpointIdOf(hung.endpoint ?? ''), { hang: true, times: 1 });
  receiver.setBehaviour(receiver.endpointIdOf(failing.endpoint ?? ''), { status: 500, times: 1 });
  await openOpd();
  const ids = await rowsOf([hung, accepting, failing]);
  const order: string[] = [];
  let duringHang: Map<number, Row> | undefined;
  const watching: PushSender = {
    async send(subscription, payload, options) {
      const outcome = await sender.send(subscription, payload, options);
      if (subscription.endpoint === hung.endpoint) {
        // The hung request has just timed out: what is recorded of the others by now?
        order.push('hang timed out');
        duringHang = await rowsOf([accepting, failing]);
      }
      return outcome;
    },
    close() {},
  };
  const name = (id: number) =>
    [...ids.values()].find((row) => row.id === id)?.user_id === hung.id ? 'hung' : 'other';
  await deliverBatch(deps(watching, { onRecorded: (recorded) => order.push(...recorded.map(name)) }), 50);

  expect(order.indexOf('hang timed out')).toBeGreaterThan(order.lastIndexOf('other'));
  expect(order.at(-1)).toBe('hung');
  expect(duringHang?.get(accepting.id)).toMatchObject({ delivery_status: 'sent', leased: false });
  // The failed one is free to be claimed for its retry, not held by the hung request's batch.
  expect(duringHang?.get(failing.id)).toMatchObject({ push_status: 'pending', leased: false });
  expect(duringHang?.get(failing.id)?.last_error).toMatch(/500/);
  expect((await rowsOf([hung])).get(hung.id)).toMatchObject({ push_status: 'pending', leased: false });
});

/** Makes the test database refuse new connections and ends the open ones, as a restart does. */
async function databaseAway(): Promise<void> {
  await adminQuery(`ALTER DATABASE ${server.db.name} ALLOW_CONNECTIONS false`);
  await adminQuery(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${server.db.name}' AND pid <> pg_backend_pid()`,
  );
}

/**
 * A sender whose pushes all go out, after which the database goes away (once), and a promise that
 * resolves when recording first fails for it: the test then lets the database back.
 */
function outageAfterSend(): { outage: PushSender; recordingFailed: Promise<void>; failedOnce: () => void } {
  let away: Promise<void> | undefined;
  const outage: PushSender = {
    async send(subscription, payload, options) {
      const outcome = await sender.send(subscription, payload, options);
      away ??= databaseAway();
      await away;
      return outcome;
    },
    close() {},
  };
  let failedOnce: () => void = () => undefined;
  const recordingFailed = new Promise<void>((resolve) => {
    failedOnce = resolve;
  });
  return { outage, recordingFailed, failedOnce };
}

it('records an outcome learned while the database is away once it is back, and does not send it again', async () => {
  const patients = await createPatients(server, receiver, 4);
  await openOpd();
  const before = receiver.received.length;
  // Every push reaches the push service; the database goes away before any outcome is recorded.
  const { outage, recordingFailed, failedOnce } = outageAfterSend();
  const delivering = deliverBatch(deps(outage, { onRecordFailed: () => failedOnce() }), 50);
  try {
    await recordingFailed;
  } finally {
    await adminQuery(`ALTER DATABASE ${server.db.name} ALLOW_CONNECTIONS true`);
  }
  await delivering;

  // Everyone with a subscription: these patients, and those of the test before.
  const pushed = await server.ctx.sequelize.query<Row>(
    `SELECT id, user_id, delivery_status, push_status, lease_until IS NOT NULL AS leased, last_error
       FROM notifications n WHERE EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = n.user_id)`,
    { type: QueryTypes.SELECT },
  );
  expect(pushed.map((row) => Number(row.user_id))).toEqual(
    expect.arrayContaining(patients.map((patient) => patient.id)),
  );
  for (const row of pushed) expect(row).toMatchObject({ delivery_status: 'sent', leased: false });
  // A later claim (another pass, or another process once a lease ran out) finds nothing to send again.
  expect(await deliverBatch(deps(sender), 50)).toBe(0);
  const byId = (a: number, b: number) => a - b;
  const pushes = receiver.received.slice(before).map((push) => (push.payload as { id: number }).id);
  expect(pushes.sort(byId)).toEqual(pushed.map((row) => Number(row.id)).sort(byId));
});

/**
 * Resolves once `sql` (one boolean `ok`) holds, checked after each of the worker's passes; rejects after
 * 20 s, well before the lease (60 s) would let the rows be claimed again.
 */
function workerSettles(worker: OutboxWorker, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not settle: ${sql}`)), 20_000);
    const check = () =>
      void server.ctx.sequelize.query<{ ok: boolean }>(sql, { type: QueryTypes.SELECT }).then(([row]) => {
        if (!row?.ok) return;
        clearTimeout(timer);
        worker.events.off('pass', check).off('idle', check);
        resolve();
      }, reject);
    worker.events.on('pass', check).on('idle', check);
    worker.wake();
  });
}

it('lets the worker carry on after an outage between send and record, each push sent once', async () => {
  const patients = await createPatients(server, receiver, 3);
  const before = receiver.received.length;
  const { outage, recordingFailed, failedOnce } = outageAfterSend();
  const worker = createOutboxWorker({
    ...deps(outage),
    databaseUrl: server.db.url,
    logger: createLogger('silent'),
    recording: { onRecordFailed: () => failedOnce() },
  });
  await worker.start();
  try {
    await openOpd();
    worker.wake();
    await recordingFailed;
  } finally {
    await adminQuery(`ALTER DATABASE ${server.db.name} ALLOW_CONNECTIONS true`);
  }
  await workerSettles(
    worker,
    `SELECT NOT EXISTS (SELECT 1 FROM notifications n WHERE delivery_status <> 'sent'
        AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = n.user_id)) AS ok`,
  );
  await worker.stop();
  const rows = await rowsOf(patients);
  for (const row of rows.values()) expect(row).toMatchObject({ delivery_status: 'sent', leased: false });
  const counts = new Map<number, number>();
  for (const push of receiver.received.slice(before)) {
    const id = (push.payload as { id: number }).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const row of rows.values()) expect(counts.get(row.id), `notification ${row.id}`).toBe(1);
  expect(Math.max(...counts.values())).toBe(1);
});
