import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { deliverBatch } from '../server/notifications/deliver';
import { expandNextBatch } from '../server/notifications/expand';
import { createPushSender } from '../server/push/send';
import type { PushSender } from '../server/push/send';
import { handDeliveryDeps } from './support/delivery';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, createPatients, outboxSettles } from './support/engine';

let receiver: PushReceiver;
let server: TestServer;
let sender: PushSender;

beforeAll(async () => {
  receiver = await startPushReceiver();
  server = await startTestServer({ PUSH_ALLOWED_ORIGINS: receiver.origin, SEED_DEMO: 'true' });
  sender = createPushSender({ vapid: server.ctx.vapid });
});
afterAll(async () => {
  sender.close();
  await server.stop();
  await receiver.close();
});

/**
 * A worker that dies after its pushes went out but before it recorded their outcome: the leased rows
 * come back when the lease runs out, and only those are sent again, under the same notification id.
 */
it('resumes after a crash mid-batch, repeating only the sends whose outcome was never recorded', async () => {
  const nurse = await signedInUser(server, 'nurse');
  const patients = await createPatients(server, receiver, 8);
  await server.outbox.stop();

  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  while ((await expandNextBatch(server.ctx.sequelize)).kind === 'expanded');

  const deps = (push: PushSender) => handDeliveryDeps(server, push);
  // Batch 1 goes out and is recorded.
  expect(await deliverBatch(deps(sender), 3)).toBe(3);
  const recorded = await server.ctx.sequelize.query<{ id: number }>(
    `SELECT id FROM notifications WHERE delivery_status = 'sent'`,
    { type: QueryTypes.SELECT },
  );
  expect(recorded).toHaveLength(3);

  // Batch 2: every push reaches the push service, then the process "dies" before recording anything.
  const crashing: PushSender = {
    async send(subscription, payload, options) {
      await sender.send(subscription, payload, options);
      throw new Error('process killed');
    },
    close() {},
  };
  await expect(deliverBatch(deps(crashing), 3)).rejects.toThrow('process killed');
  const inFlight = await server.ctx.sequelize.query<{ id: number }>(
    `SELECT id FROM notifications WHERE lease_until IS NOT NULL`,
    { type: QueryTypes.SELECT },
  );
  expect(inFlight).toHaveLength(3);
  expect(receiver.received).toHaveLength(6);

  // Time passes: the dead worker's lease runs out; a new worker starts.
  await server.ctx.sequelize.query(
    `UPDATE notifications SET lease_until = now() - interval '1 second' WHERE lease_until IS NOT NULL`,
  );
  await server.outbox.start();
  await outboxSettles(server, ALL_DELIVERED);

  const ids = (list: readonly { payload: unknown }[]) =>
    list.map((push) => (push.payload as { id: number }).id);
  const counts = new Map<number, number>();
  for (const id of ids(receiver.received)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const repeated = [...counts]
    .filter(([, n]) => n > 1)
    .map(([id]) => id)
    .sort();
  expect(repeated).toEqual(inFlight.map((row) => Number(row.id)).sort());
  for (const [id, n] of counts) expect(n, `notification ${id}`).toBeLessThanOrEqual(2);
  for (const row of recorded) expect(counts.get(Number(row.id))).toBe(1);
  // Every patient got their notification, all now recorded as sent.
  expect(counts.size).toBe(patients.length);
  const [unsent] = await server.ctx.sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE delivery_status <> 'sent'`,
    { type: QueryTypes.SELECT },
  );
  expect(unsent?.n).toBe(0);
});
