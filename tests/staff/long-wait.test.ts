import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TicketLongWaitEvent } from '../../shared/tickets';
import { createTestDatabase } from '../support/db';
import { connectSocket } from '../support/engine';
import type { ClientSocket } from '../support/engine';
import { api, signedInUser, startTestServer, startTestServerOn } from '../support/server';
import type { TestServer } from '../support/server';
import { drained } from '../support/staff';

/**
 * `ticket:long_wait` comes from the server alone, with no console doing anything: once per ticket that
 * has waited longer than its department's threshold, to that department's staff, and once across two
 * server processes. Nobody waits 5 minutes here: a ticket's wait is made long by moving its `joined_at`
 * back in SQL, which is all the server reads (the database's clock decides).
 */

const SWEEP = { longWaits: { idleCheckMs: 100 } };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, SWEEP);
});
afterAll(async () => {
  await server.stop();
});

/** Every long wait a socket hears. */
function longWaitsOf(socket: ClientSocket): TicketLongWaitEvent[] {
  const heard: TicketLongWaitEvent[] = [];
  socket.on('ticket:long_wait', (event) => heard.push(event));
  return heard;
}

/** Patients in an open department whose tickets have waited `minutes` already. */
async function waitingFor(target: TestServer, department: string, minutes: number[]): Promise<number[]> {
  const ids: number[] = [];
  for (const wait of minutes) {
    const patient = await signedInUser(target, 'patient');
    const joined = await api<{ ticket: { id: number } }>(
      target,
      'POST',
      `/api/queues/${department}/tickets`,
      {
        token: patient.token,
      },
    );
    expect(joined.status).toBe(201);
    ids.push(joined.body.ticket.id);
    await target.ctx.sequelize.query(
      `UPDATE tickets SET joined_at = now() - make_interval(mins => :wait) WHERE id = :id`,
      { replacements: { wait, id: joined.body.ticket.id } },
    );
  }
  return ids;
}

/** Several sweeps' time: what has not arrived by then was not sent. */
const severalSweeps = () => new Promise((resolve) => setTimeout(resolve, 1_000));

it("tells the department's staff once per ticket past its threshold, with no console involved", async () => {
  const admin = await signedInUser(server, 'admin');
  await api(server, 'PATCH', '/api/departments/LAB', { token: admin.token, body: { longWaitMinutes: 5 } });
  const labNurse = await signedInUser(server, 'nurse', { departments: ['LAB'] });
  const opdNurse = await signedInUser(server, 'nurse', { departments: ['OPD'] });
  await api(server, 'POST', '/api/queues/LAB/open', { token: labNurse.token });
  const lab = await connectSocket(server, labNurse.token);
  const opd = await connectSocket(server, opdNurse.token);
  try {
    const heardInLab = longWaitsOf(lab);
    const heardInOpd = longWaitsOf(opd);
    const [long, notYet] = await waitingFor(server, 'LAB', [6, 4]);
    await expect.poll(() => heardInLab.length).toBe(1);
    expect(heardInLab[0]).toEqual({
      ticketId: long,
      department: 'LAB',
      number: expect.stringMatching(/^LAB-\d{3}$/),
      waitingMinutes: 6,
    });
    await severalSweeps();
    await drained(lab);
    await drained(opd);
    expect(heardInLab.map((event) => event.ticketId)).toEqual([long]);
    expect(heardInOpd).toEqual([]);

    // The other passes the threshold later and is told too, once.
    await server.ctx.sequelize.query(
      `UPDATE tickets SET joined_at = now() - interval '5 minutes 1 second' WHERE id = :id`,
      { replacements: { id: notYet } },
    );
    await expect.poll(() => heardInLab.map((event) => event.ticketId)).toEqual([long, notYet]);

    // A ticket that no longer waits (its patient left) is never a long wait, however old it is.
    const leaver = await signedInUser(server, 'patient');
    const left = await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/LAB/tickets', {
      token: leaver.token,
    });
    await api(server, 'DELETE', `/api/tickets/${left.body.ticket.id}`, { token: leaver.token });
    await server.ctx.sequelize.query(
      `UPDATE tickets SET joined_at = now() - interval '1 hour' WHERE id = :id`,
      {
        replacements: { id: left.body.ticket.id },
      },
    );
    await severalSweeps();
    await drained(lab);
    expect(heardInLab).toHaveLength(2);
  } finally {
    lab.close();
    opd.close();
  }
});

it('tells staff once per ticket when two server processes share the database', async () => {
  const db = await createTestDatabase();
  const one = await startTestServerOn(db, {}, SWEEP);
  const two = await startTestServerOn(db, {}, SWEEP);
  const sockets: ClientSocket[] = [];
  try {
    const nurse = await signedInUser(one, 'nurse');
    await api(one, 'POST', '/api/queues/OPD/open', { token: nurse.token });
    // Without the cluster adapter, each process's emits reach its own sockets: one nurse socket on each.
    for (const target of [one, two]) sockets.push(await connectSocket(target, nurse.token));
    const heard = sockets.map(longWaitsOf);
    const tickets = await waitingFor(one, 'OPD', [41, 42, 43, 44, 45, 46, 47, 48]);
    await expect.poll(() => heard.flat().length).toBe(tickets.length);
    await severalSweeps();
    for (const socket of sockets) await drained(socket);
    expect(
      heard
        .flat()
        .map((event) => event.ticketId)
        .sort((a, b) => a - b),
    ).toEqual(tickets);
  } finally {
    for (const socket of sockets) socket.close();
    await two.close();
    await one.stop();
  }
});
