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
  // Three delivery loops of one notification each: a fan-out of 60 to a slow push service takes seconds.
  // Pushes that never answer give up after 8 s: long enough for the second test's call to go out while
  // they still hang on a busy machine, short enough for its hung opening to end in its time.
  server = await startTestServer(
    { PUSH_ALLOWED_ORIGINS: receiver.origin, PUSH_TIMEOUT_MS: '8000' },
    { worker: { batchSize: 3 } },
  );
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

const typeOf = (push: ReceivedPush) => (push.payload as { type: string }).type;

/**
 * A fan-out's ids wait in this process's handoff; a patient's own notification, named by its NOTIFY, is
 * claimed before them instead of queueing behind every one of them.
 */
it("sends a patient's call while a large opening is still being pushed", async () => {
  const nurse = await signedInUser(server, 'nurse');
  const followers = await createPatients(server, receiver, 60);
  const [called] = await createPatients(server, receiver, 1);
  if (!called?.endpoint) throw new Error('no subscription');
  receiver.setBehaviour('all', { status: 201, delayMs: 250 });
  receiver.setBehaviour(called.endpoint, { status: 201 });
  const fanoutTotal = followers.length + 1;

  expect((await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token })).status).toBe(200);
  const joined = await api(server, 'POST', '/api/queues/OPD/tickets', { token: called.token });
  expect(joined.status).toBe(201);
  const call = await api(server, 'POST', '/api/queues/OPD/call-next', {
    token: nurse.token,
    body: { room: '4' },
  });
  expect(call.status).toBe(200);

  await receiver.waitFor((push) => typeOf(push) === 'ticket_called', 15_000);
  const openingsSoFar = receiver.received.filter((push) => typeOf(push) === 'queue_opened').length;
  expect(openingsSoFar).toBeLessThan(fanoutTotal / 2);

  // And the opening still reaches everyone, once.
  await outboxSettles(server, ALL_DELIVERED, 60_000);
  const openings = receiver.received.filter((push) => typeOf(push) === 'queue_opened');
  expect(new Set(openings.map((push) => push.endpointId)).size).toBe(fanoutTotal);
  expect(openings).toHaveLength(fanoutTotal);
});

/**
 * Every delivery loop waits on a push service that does not answer, so none ends its batch: a call is
 * claimed anyway, by the pass's own loop for a patient's new notifications, and pushed on a connection
 * the opening's pushes cannot take.
 */
it('sends a call while every delivery loop waits on a push service that does not answer', async () => {
  const nurse = await signedInUser(server, 'nurse');
  const followers = await createPatients(server, receiver, 6, { departments: ['LAB'] });
  const [called] = await createPatients(server, receiver, 1, { departments: ['LAB'] });
  if (!called?.endpoint) throw new Error('no subscription');
  // The next three pushes hang: one per delivery loop, each holding its only notification.
  receiver.setBehaviour('all', { hang: true, times: 3 });
  receiver.setBehaviour(called.endpoint, { status: 201 });

  const requestsBefore = receiver.requestCount();
  expect((await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token })).status).toBe(200);
  // Three opening pushes hang, one per loop (the first test's patients follow every department too).
  await receiver.waitUntil(() => receiver.requestCount() - requestsBefore >= 3);
  expect((await api(server, 'POST', '/api/queues/LAB/tickets', { token: called.token })).status).toBe(201);
  const call = await api(server, 'POST', '/api/queues/LAB/call-next', {
    token: nurse.token,
    body: { room: '2' },
  });
  expect(call.status).toBe(200);

  await receiver.waitFor((push) => typeOf(push) === 'ticket_called');
  // The hung pushes' rows are still claimed and unrecorded: no loop had ended its batch. (The called
  // patient's own opening push, claimed beside the call, is left out: it may be settling right now.)
  const [held] = await server.ctx.sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM notifications
      WHERE type = 'queue_opened' AND department_id = (SELECT id FROM departments WHERE code = 'LAB')
        AND lease_until > now() AND push_status = 'pending' AND user_id <> :calledId`,
    { type: QueryTypes.SELECT, replacements: { calledId: called.id } },
  );
  expect(held?.count).toBe(3);

  // The opening still reaches everyone once its hung pushes time out and are sent again.
  receiver.setBehaviour('all', { status: 201 });
  await outboxSettles(server, ALL_DELIVERED, 60_000);
  const openings = receiver.received.filter(
    (push) =>
      typeOf(push) === 'queue_opened' && (push.payload as { department: string }).department === 'LAB',
  );
  const followedBy = new Set(openings.map((push) => push.endpointId));
  for (const patient of [...followers, called])
    expect(followedBy.has(receiver.endpointIdOf(patient.endpoint ?? ''))).toBe(true);
});
