import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver, ReceivedPush } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, createPatients, outboxSettles } from './support/engine';

let receiver: PushReceiver;
let server: TestServer;

beforeAll(async () => {
  receiver = await startPushReceiver();
  // A fan-out waits for a call in flight as long as the test holds one, instead of half a second.
  server = await startTestServer(
    { PUSH_ALLOWED_ORIGINS: receiver.origin },
    { worker: { precedenceMaxWaitMs: 60_000 } },
  );
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

const typeOf = (push: ReceivedPush) => (push.payload as { type: string }).type;

/** The opening notifications recorded for a department's patients. */
async function openingsRecorded(code: string): Promise<number> {
  const [row] = await server.ctx.sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM notifications n JOIN departments d ON d.id = n.department_id
      WHERE n.type = 'queue_opened' AND d.code = :code`,
    { type: QueryTypes.SELECT, replacements: { code } },
  );
  return row?.count ?? -1;
}

/**
 * While time-critical work is in flight (here held open by the test, as a slow call would be), an
 * opening's fan-out records and pushes nothing, and a nurse's call made meanwhile still goes out at once:
 * on a small machine every step of the fan-out would slow the call's own round trips. Once the work
 * ends, the opening reaches everyone, once.
 */
it('holds an opening back while a call is in flight, and sends the call', async () => {
  const nurse = await signedInUser(server, 'nurse');
  const followers = await createPatients(server, receiver, 8);
  const [called] = await createPatients(server, receiver, 1, { departments: ['LAB'] });
  if (!called?.endpoint) throw new Error('no subscription');
  expect((await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token })).status).toBe(200);
  expect((await api(server, 'POST', '/api/queues/LAB/tickets', { token: called.token })).status).toBe(201);
  await outboxSettles(server, ALL_DELIVERED);
  const before = receiver.received.length;

  const release = server.outbox.timeCritical();
  expect((await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token })).status).toBe(200);
  const call = await api(server, 'POST', '/api/queues/LAB/call-next', {
    token: nurse.token,
    body: { room: '3' },
  });
  expect(call.status).toBe(200);
  const [pushed] = await receiver.waitFor((push) => typeOf(push) === 'ticket_called', 15_000);
  expect(pushed?.endpointId).toBe(receiver.endpointIdOf(called.endpoint));
  // The call went out; the opening is not even recorded yet, let alone pushed.
  const sinceHeld = receiver.received.slice(before);
  expect(sinceHeld.filter((push) => typeOf(push) === 'queue_opened')).toHaveLength(0);
  expect(await openingsRecorded('OPD')).toBe(0);

  release();
  await outboxSettles(server, ALL_DELIVERED, 30_000);
  const openings = receiver.received
    .slice(before)
    .filter(
      (push) =>
        typeOf(push) === 'queue_opened' && (push.payload as { department: string }).department === 'OPD',
    );
  const reached = openings.map((push) => push.endpointId);
  expect(await openingsRecorded('OPD')).toBeGreaterThanOrEqual(followers.length);
  expect(new Set(reached).size).toBe(reached.length);
  for (const patient of followers) expect(reached).toContain(receiver.endpointIdOf(patient.endpoint ?? ''));
});
