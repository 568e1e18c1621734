import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ALL_DELIVERED, connectSocket, createPatients, nextEvent, outboxSettles } from './support/engine';
import type { ClientSocket, Patient } from './support/engine';
import { notificationsOf } from './support/records';
import type { NotificationRow } from './support/records';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';

/**
 * The socket side of the brief's rule on bad input: a hostile handshake, event argument or ack is refused
 * (or ignored), the connection and the server carry on, and nobody else's data changes.
 */

let server: TestServer;
let patient: Patient;
let stranger: Patient;
let nurseToken = '';
beforeAll(async () => {
  server = await startTestServer();
  [patient, stranger] = (await createPatients(server, null, 2)) as [Patient, Patient];
  nurseToken = (await signedInUser(server, 'nurse')).token;
  // Each patient gets a notification (nobody has a socket yet, so both stay undelivered).
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurseToken });
  await outboxSettles(server, ALL_DELIVERED);
  await api(server, 'POST', '/api/queues/OPD/close', { token: nurseToken });
});
afterAll(async () => {
  await server.stop();
});

/** The same socket without the event map, to send what a typed client cannot. */
const untyped = (socket: ClientSocket) => socket as unknown as Socket;

/** The user's first notification (each patient here has one). */
async function notificationOf(userId: number): Promise<NotificationRow> {
  const [row] = await notificationsOf(server, userId);
  if (!row) throw new Error(`no notification for user ${userId}`);
  return row;
}

describe('bad input on sockets', () => {
  it('refuses a handshake with a token that is not a valid one, and still serves', async () => {
    for (const token of [12345, { token: 'x' }, ['x'], 'x'.repeat(20_000), 'forged']) {
      const error = await connectSocket(server, undefined, (socket) => {
        socket.auth = { token };
      }).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error, JSON.stringify(token).slice(0, 40)).toBeInstanceOf(Error);
      expect((error as Error).message).toBe('unauthenticated');
    }
    expect((await api(server, 'GET', '/healthz')).status).toBe(200);
  });

  it('answers a hostile queue:subscribe with ok: false, and the socket then subscribes normally', async () => {
    const socket = await connectSocket(server, patient.token);
    try {
      const hostile: unknown[] = [
        undefined,
        null,
        5,
        {},
        { departments: ['OPD'] },
        [1, 2],
        ['x'],
        ['OPD', null],
        [['OPD']],
        Array.from({ length: 101 }, (_, index) => `D${index}`),
        'ALL',
        'x'.repeat(100_000),
      ];
      for (const value of hostile) {
        const answer: unknown = await untyped(socket).timeout(10_000).emitWithAck('queue:subscribe', value);
        expect(answer, JSON.stringify(value)?.slice(0, 40)).toEqual({ ok: false, error: expect.any(String) });
      }
      // Without an ack function, or with the ack in the wrong place: nothing to answer, nothing breaks.
      untyped(socket).emit('queue:subscribe');
      untyped(socket).emit('queue:subscribe', 'OPD', 'not a function');
      untyped(socket).emit('no:such:event', { anything: true });

      expect(await socket.timeout(10_000).emitWithAck('queue:subscribe', ['OPD'])).toEqual({
        ok: true,
        departments: ['OPD'],
      });
      const status = nextEvent(socket, 'queue:status');
      await api(server, 'POST', '/api/queues/OPD/open', { token: nurseToken });
      const [opened] = await status;
      expect(opened).toMatchObject({ department: 'OPD', isOpen: true });
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
      await api(server, 'POST', '/api/queues/OPD/close', { token: nurseToken });
    }
  });

  it("ignores hostile notification:ack ids, records the patient's own, and never another's", async () => {
    const own = await notificationOf(patient.id);
    const others = await notificationOf(stranger.id);
    expect(own.delivery_status).not.toBe('delivered');
    expect(others.delivery_status).not.toBe('delivered');
    const socket = await connectSocket(server, patient.token);
    try {
      // Ids past bigint's range would fail the batched UPDATE, and with it the acks queued beside them
      // (this socket's own, below): they must be refused before they reach the database.
      for (const value of [1e300, '9223372036854775808', -1, 0, 1.5, 'abc', {}, [], null, others.id]) {
        untyped(socket).emit('notification:ack', value);
      }
      untyped(socket).emit('notification:ack', own.id);
      await expect.poll(async () => (await notificationOf(patient.id)).delivery_status).toBe('delivered');
      expect((await notificationOf(stranger.id)).delivery_status).toBe(others.delivery_status);
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
  });
});
