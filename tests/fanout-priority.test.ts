import { afterAll, beforeAll, expect, it } from 'vitest';
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
  server = await startTestServer({ PUSH_ALLOWED_ORIGINS: receiver.origin }, { worker: { batchSize: 3 } });
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
