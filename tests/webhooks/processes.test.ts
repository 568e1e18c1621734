import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../server/db/connection';
import { createTestDatabase } from '../support/db';
import type { TestDatabase } from '../support/db';
import { spawnTs } from '../support/process';
import type { Spawned } from '../support/process';
import { api, signedInUser } from '../support/server';
import { startWebhookReceiver } from '../support/webhook-receiver';
import type { WebhookReceiver } from '../support/webhook-receiver';
import { subscribe } from './support';

let db: TestDatabase;
let receiver: WebhookReceiver;
let sequelize: Sequelize | undefined;
const children: Spawned[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop('SIGKILL')));
  await sequelize?.close();
  await db.drop();
  await receiver.close();
});

/** A real server process on the test database; resolves once it listens, with its URL. */
async function spawnServer(env: Record<string, string> = {}): Promise<{ child: Spawned; url: string }> {
  const child = spawnTs('server/main.ts', [], {
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'true',
    WEBHOOK_ALLOWED_ORIGINS: receiver.origin,
    ...env,
  });
  children.push(child);
  const [, url] = await child.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
  return { child, url: url ?? '' };
}

/** Users are made through this process's models, which bind to the newest Sequelize instance. */
function bindModels(): Sequelize {
  void sequelize?.close();
  sequelize = createSequelize({ url: db.url, poolMax: 2 });
  return sequelize;
}

const deliveries = (database: Sequelize) =>
  database.query<{ status: string; attempts: number; n: number }>(
    `SELECT status, attempts, count(*)::int AS n FROM webhook_deliveries GROUP BY status, attempts ORDER BY 1, 2`,
    { type: QueryTypes.SELECT },
  );

/**
 * Resolves once no delivery is pending or leased: the receiver may have an answer before the sending
 * process has recorded it. Another process's recording sends no event to wait for, so this reads the rows.
 */
async function deliveriesRecorded(database: Sequelize, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await database.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM webhook_deliveries WHERE status = 'pending' OR lease_until IS NOT NULL`,
      { type: QueryTypes.SELECT },
    );
    if (row?.open === 0) return;
    if (Date.now() > deadline) throw new Error(`${row?.open} deliveries still open`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('delivers, after a restart, an event whose server was killed while sending it', async () => {
  // A short lease, so that the killed process's claim runs out quickly.
  const first = await spawnServer({ DELIVERY_LEASE_SECONDS: '2' });
  const database = bindModels();
  const admin = await signedInUser(first, 'admin');
  const nurse = await signedInUser(first, 'nurse');
  const { webhook } = await subscribe(first, admin.token, receiver, ['queue.opened']);

  receiver.answerNext('hang');
  expect((await api(first, 'POST', '/api/queues/OPD/open', { token: nurse.token })).status).toBe(200);
  const [inFlight] = await receiver.waitFor(1);
  await first.child.stop('SIGKILL');

  const second = await spawnServer({ DELIVERY_LEASE_SECONDS: '2' });
  const [sent, resent] = await receiver.waitFor(2);
  expect(inFlight?.answeredWith).toBe('hang');
  expect(resent?.answeredWith).toBe(204);
  expect(resent?.webhookId).toBe(sent?.webhookId);
  expect(resent?.payload).toEqual(sent?.payload);
  expect(resent?.payload).toMatchObject({ type: 'queue.opened', data: { department: 'OPD' } });
  await deliveriesRecorded(database);
  expect(await deliveries(database)).toEqual([{ status: 'delivered', attempts: 2, n: 1 }]);
  await api(second, 'DELETE', `/api/webhooks/${webhook.id}`, { token: admin.token });
  await second.child.stop();
}, 90_000);

it('with two server processes on one database, delivers each event once', async () => {
  const [a, b] = await Promise.all([spawnServer(), spawnServer()]);
  const database = bindModels();
  const admin = await signedInUser(a, 'admin');
  const { webhook } = await subscribe(a, admin.token, receiver, ['webhook.test']);
  const before = receiver.received.length;

  const count = 30;
  const sent = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      api(index % 2 === 0 ? a : b, 'POST', `/api/webhooks/${webhook.id}/test`, { token: admin.token }),
    ),
  );
  expect(sent.map((answer) => answer.status)).toEqual(Array.from({ length: count }, () => 202));
  await receiver.waitFor(before + count);
  const ids = receiver.received.slice(before).map((event) => event.webhookId);
  expect(new Set(ids).size).toBe(count);
  // Each was claimed once: one attempt apiece, every one delivered.
  await deliveriesRecorded(database);
  expect(await deliveries(database)).toEqual([{ status: 'delivered', attempts: 1, n: count }]);
  // Nothing was sent twice: no process sent what another had claimed.
  expect(receiver.received.length).toBe(before + count);
}, 90_000);
