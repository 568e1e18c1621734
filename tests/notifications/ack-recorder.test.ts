import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ALL_DELIVERED, createPatients, outboxSettles } from '../support/engine';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { createLogger } from '../../server/logger';
import { createAckRecorder } from '../../server/notifications/ack-recorder';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function statuses(): Promise<Map<number, { status: string; deliveredAt: Date | null }>> {
  const rows = await server.ctx.sequelize.query<{
    id: number;
    delivery_status: string;
    delivered_at: Date | null;
  }>(`SELECT id, delivery_status, delivered_at FROM notifications`, { type: QueryTypes.SELECT });
  return new Map(
    rows.map((row) => [Number(row.id), { status: row.delivery_status, deliveredAt: row.delivered_at }]),
  );
}

it('records acks that arrive while a write runs, each for its own user only', async () => {
  await createPatients(server, null, 30);
  const nurse = await signedInUser(server, 'nurse');
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  await outboxSettles(server, ALL_DELIVERED);
  const rows = await server.ctx.sequelize.query<{ id: number; user_id: number }>(
    `SELECT id, user_id FROM notifications ORDER BY id`,
    { type: QueryTypes.SELECT },
  );
  expect(rows.length).toBe(30);
  const [stranger, ...owned] = rows;
  if (!stranger) throw new Error('no notifications');

  // Nobody has a socket or a push subscription here: nothing could reach them.
  expect([...(await statuses()).values()].every((row) => row.status === 'failed')).toBe(true);
  const acks = createAckRecorder(server.ctx.sequelize, createLogger('silent'), () => undefined);
  // The first ack starts a write; the rest queue behind it and go in the next statement.
  for (const row of owned) acks.record(Number(row.id), Number(row.user_id));
  // Another user's ack of this notification changes nothing.
  acks.record(Number(stranger.id), Number(owned[0]?.user_id));
  await acks.drained();

  const after = await statuses();
  for (const row of owned) {
    expect(after.get(Number(row.id))?.status).toBe('delivered');
    expect(after.get(Number(row.id))?.deliveredAt).toBeInstanceOf(Date);
  }
  expect(after.get(Number(stranger.id))).toEqual({ status: 'failed', deliveredAt: null });

  // A repeat (two sockets of one user both ack) keeps the first delivery time.
  const first = after.get(Number(owned[0]?.id))?.deliveredAt;
  acks.record(Number(owned[0]?.id), Number(owned[0]?.user_id));
  await acks.drained();
  expect((await statuses()).get(Number(owned[0]?.id))?.deliveredAt).toEqual(first);
});
