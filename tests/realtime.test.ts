import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { ServerToClientEvents } from '../shared/events';
import type { Notification } from '../shared/notifications';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, connectSocket, nextEvent, outboxSettles } from './support/engine';
import type { ClientSocket } from './support/engine';

let server: TestServer;
let nurse: { token: string };
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' });
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.stop();
});

async function connect(token?: string): Promise<ClientSocket> {
  const socket = await connectSocket(server, token);
  sockets.push(socket);
  return socket;
}

async function deliveryStatus(id: number): Promise<string | undefined> {
  const [row] = await server.ctx.sequelize.query<{ delivery_status: string }>(
    `SELECT delivery_status FROM notifications WHERE id = :id`,
    { replacements: { id }, type: QueryTypes.SELECT },
  );
  return row?.delivery_status;
}

it('sends queue:status to subscribers and notification:new to its owner only; the ack marks it delivered', async () => {
  const alice = await signedInUser(server, 'patient');
  const bob = await signedInUser(server, 'patient');
  await api(server, 'PUT', '/api/me/preferences', {
    token: bob.token,
    body: { departments: ['LAB'], push: true, locale: 'en' },
  });
  const aliceSocket = await connect(alice.token);
  const bobSocket = await connect(bob.token);
  const display = await connect();
  const subscribed = await display.emitWithAck('queue:subscribe', ['opd']);
  expect(subscribed).toEqual({ ok: true, departments: ['OPD'] });

  const bobGot: Notification[] = [];
  bobSocket.on('notification:new', (notification, ack) => {
    bobGot.push(notification);
    ack(true);
  });
  const status = nextEvent(display, 'queue:status');
  const aliceNotification = new Promise<Notification>((resolve) => {
    aliceSocket.once('notification:new', (notification, ack) => {
      ack(true);
      resolve(notification);
    });
  });

  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  const [queueStatus] = await status;
  expect(queueStatus).toMatchObject({ department: 'OPD', isOpen: true });
  const notification = await aliceNotification;
  expect(notification).toMatchObject({ type: 'queue_opened', department: 'OPD', deliveryStatus: 'pending' });
  await outboxSettles(
    server,
    `SELECT delivery_status = 'delivered' AS ok FROM notifications WHERE id = ${notification.id}`,
  );
  expect(await deliveryStatus(notification.id)).toBe('delivered');
  await outboxSettles(server, ALL_DELIVERED);
  expect(bobGot).toEqual([]);
});

it('lets a client ack with notification:ack, and ignores an ack for someone else’s notification', async () => {
  const carol = await signedInUser(server, 'patient');
  const dave = await signedInUser(server, 'patient');
  const carolSocket = await connect(carol.token);
  const daveSocket = await connect(dave.token);
  const received = nextEvent(carolSocket, 'notification:new');
  await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token });
  const [notification] = await received;
  // Dave tries to confirm Carol's notification: nothing changes.
  daveSocket.emit('notification:ack', notification.id);
  carolSocket.emit('notification:ack', notification.id);
  await outboxSettles(
    server,
    `SELECT delivery_status = 'delivered' AS ok FROM notifications WHERE id = ${notification.id}`,
  );
  const [row] = await server.ctx.sequelize.query<{ user_id: number }>(
    `SELECT user_id FROM notifications WHERE id = :id`,
    { replacements: { id: notification.id }, type: QueryTypes.SELECT },
  );
  expect(Number(row?.user_id)).toBe(carol.id);
});

it('catches a client up on reconnect with what it missed', async () => {
  const erin = await signedInUser(server, 'patient');
  const first = await connect(erin.token);
  first.close();
  await api(server, 'POST', '/api/queues/PHARM/open', { token: nurse.token });
  await outboxSettles(server, ALL_DELIVERED);
  const [missed] = await server.ctx.sequelize.query<{ id: number }>(
    `SELECT id FROM notifications WHERE user_id = :id AND type = 'queue_opened'`,
    { replacements: { id: erin.id }, type: QueryTypes.SELECT },
  );
  // No socket was connected and nothing else could reach erin: failed, until a socket catches up.
  expect(await deliveryStatus(Number(missed?.id))).toBe('failed');

  let caughtUp: Promise<Parameters<ServerToClientEvents['notification:new']>> | undefined;
  const again = await connectSocket(server, erin.token, (socket) => {
    caughtUp = nextEvent(socket, 'notification:new');
  });
  sockets.push(again);
  const [notification] = (await caughtUp) ?? [];
  expect(notification?.id).toBe(Number(missed?.id));
});

it('refuses a bad token and bad subscribe arguments', async () => {
  await expect(connectSocket(server, 'not-a-real-token-value-at-all')).rejects.toThrow(/unauthenticated/);
  const socket = await connect();
  expect(await socket.emitWithAck('queue:subscribe', 'everything' as unknown as 'all')).toMatchObject({
    ok: false,
  });
  expect(await socket.emitWithAck('queue:subscribe', ['bad code!'])).toMatchObject({ ok: false });
  expect(await socket.emitWithAck('queue:subscribe', 'all')).toEqual({ ok: true, departments: ['all'] });
});
