import { afterAll, beforeAll, expect, it } from 'vitest';
import { ALL_DELIVERED, connectSocket, outboxSettles } from './support/engine';
import type { ClientSocket } from './support/engine';
import { notificationsOf } from './support/records';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';

/**
 * What each socket hears over a scripted morning: a waiting-room display (no token), two patients and a
 * nurse, all subscribed to every department. Patients hear only their own tickets and notifications,
 * the display nothing about any patient, and nobody but staff a name or a priority's reason. The nurse
 * hearing the names is the control that shows the names were there to leak.
 */

interface Heard {
  event: string;
  args: unknown[];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

function listen(heard: Heard[]) {
  return (socket: ClientSocket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      heard.push({ event, args: args.filter((arg) => typeof arg !== 'function') });
    });
  };
}

it('tells each socket only what its holder may know', async () => {
  const ada = await signedInUser(server, 'patient', { name: 'Ada Secretname' });
  const bea = await signedInUser(server, 'patient', { name: 'Bea Hiddenname' });
  const nurse = await signedInUser(server, 'nurse');
  const heard: Record<'display' | 'ada' | 'bea' | 'nurse', Heard[]> = {
    display: [],
    ada: [],
    bea: [],
    nurse: [],
  };
  const sockets = {
    display: await connectSocket(server, undefined, listen(heard.display)),
    ada: await connectSocket(server, ada.token, listen(heard.ada)),
    bea: await connectSocket(server, bea.token, listen(heard.bea)),
    nurse: await connectSocket(server, nurse.token, listen(heard.nurse)),
  };
  try {
    for (const socket of Object.values(sockets)) await socket.emitWithAck('queue:subscribe', 'all');
    const asNurse = { token: nurse.token };
    await api(server, 'POST', '/api/queues/OPD/open', { ...asNurse, body: {} });
    const adaTicket = (
      await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/OPD/tickets', { token: ada.token })
    ).body.ticket;
    const beaTicket = (
      await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/OPD/tickets', { token: bea.token })
    ).body.ticket;
    await api(server, 'POST', `/api/tickets/${beaTicket.id}/priority`, {
      ...asNurse,
      body: { priority: 'urgent', reason: 'Chest pain since dawn' },
    });
    await api(server, 'POST', '/api/queues/OPD/call-next', { ...asNurse, body: { room: '4' } });
    await api(server, 'POST', '/api/queues/OPD/call-next', { ...asNurse, body: { room: '7' } });
    await api(server, 'POST', `/api/tickets/${beaTicket.id}/serve`, asNurse);
    await api(server, 'POST', `/api/tickets/${beaTicket.id}/complete`, asNurse);
    await api(server, 'POST', `/api/tickets/${adaTicket.id}/no-show`, asNurse);
    await api(server, 'POST', '/api/queues/OPD/close', { ...asNurse, body: {} });
    await outboxSettles(server, ALL_DELIVERED);
    // Everything emitted so far reaches each socket before the answer to this (one connection, in order).
    for (const socket of Object.values(sockets)) await socket.emitWithAck('queue:subscribe', 'all');

    const text = (list: Heard[]) => JSON.stringify(list);
    const ticketIds = (list: Heard[]) =>
      list.filter((h) => h.event === 'ticket:updated').map((h) => (h.args[0] as { id: number }).id);
    const notificationIds = (list: Heard[]) =>
      list.filter((h) => h.event === 'notification:new').map((h) => (h.args[0] as { id: number }).id);

    // The control: staff hear both names; and the patients were told about their own tickets.
    expect(text(heard.nurse)).toContain('Ada Secretname');
    expect(text(heard.nurse)).toContain('Bea Hiddenname');
    expect(new Set(ticketIds(heard.ada))).toEqual(new Set([adaTicket.id]));
    expect(new Set(ticketIds(heard.bea))).toEqual(new Set([beaTicket.id]));
    expect(notificationIds(heard.ada).length).toBeGreaterThan(0);
    expect(notificationIds(heard.bea).length).toBeGreaterThan(0);

    // Each patient's notifications are their own.
    const adaOwn = new Set((await notificationsOf(server, ada.id)).map((row) => row.id));
    const beaOwn = new Set((await notificationsOf(server, bea.id)).map((row) => row.id));
    expect(notificationIds(heard.ada).every((id) => adaOwn.has(id))).toBe(true);
    expect(notificationIds(heard.bea).every((id) => beaOwn.has(id))).toBe(true);

    // Nobody but staff hears a name, an email or the reason for a priority.
    for (const who of ['display', 'ada', 'bea'] as const) {
      for (const secret of [
        'Secretname',
        'Hiddenname',
        '@test.example',
        'Chest pain',
        'patientName',
        'urgent',
      ]) {
        expect(text(heard[who]), `${who} heard ${secret}`).not.toContain(secret);
      }
    }
    // The display hears only the public events.
    expect(new Set(heard.display.map((h) => h.event))).toEqual(new Set(['queue:status', 'ticket:called']));
  } finally {
    for (const socket of Object.values(sockets)) socket.close();
  }
});

it('tells only staff when a call did or did not reach its patient', async () => {
  const patient = await signedInUser(server, 'patient', { name: 'Cy Unreachable' });
  const nurse = await signedInUser(server, 'nurse');
  const heard: Record<'display' | 'patient' | 'nurse', Heard[]> = { display: [], patient: [], nurse: [] };
  const sockets = {
    display: await connectSocket(server, undefined, listen(heard.display)),
    patient: await connectSocket(server, patient.token, listen(heard.patient)),
    nurse: await connectSocket(server, nurse.token, listen(heard.nurse)),
  };
  try {
    for (const socket of Object.values(sockets)) await socket.emitWithAck('queue:subscribe', 'all');
    const call = { ticketId: 1, department: 'OPD', number: 'OPD-001' };
    server.ctx.realtime.ticketUnreached({ ...call, notificationId: 7 });
    server.ctx.realtime.ticketReached({ ...call, channel: 'sms' });
    // Emitted before the answer to this, on the same connection: both have arrived, or never will.
    for (const socket of Object.values(sockets)) await socket.emitWithAck('queue:subscribe', 'all');

    expect(heard.nurse.map((h) => [h.event, h.args[0]])).toEqual([
      ['ticket:unreached', { ...call, notificationId: 7 }],
      ['ticket:reached', { ...call, channel: 'sms' }],
    ]);
    expect(heard.patient).toEqual([]);
    expect(heard.display).toEqual([]);
  } finally {
    for (const socket of Object.values(sockets)) socket.close();
  }
});
