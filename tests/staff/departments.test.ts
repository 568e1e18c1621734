import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Department, QueueStatus } from '../../shared/schemas';
import type { Ticket } from '../../shared/tickets';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

/**
 * A department's settings, changed by an admin, change what patients get: who is told "almost your
 * turn", when an unconfirmed call escalates, which rooms a call may name; archiving takes it off the
 * public board and closes it to joins, its history kept.
 */

let server: TestServer;
let admin: { token: string };
let nurse: { token: string };
beforeAll(async () => {
  // No delivery workers: what is recorded for patients is what these tests read, and a worker would move
  // a call's escalation time on (nobody here can receive a push) before the test reads it.
  server = await startTestServer({ DELIVERY_WORKERS: 'false' });
  admin = await signedInUser(server, 'admin');
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
});

let count = 0;
/** A new open department. */
async function openDepartment(): Promise<string> {
  count += 1;
  const code = `SET${count}`;
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code, name: `Settings ${count}` },
  });
  expect((await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token })).status).toBe(200);
  return code;
}
const settle = (code: string, body: unknown) =>
  api<{ department: Department; error?: { code: string } }>(server, 'PATCH', `/api/departments/${code}`, {
    token: admin.token,
    body,
  });
const join = async (code: string) => {
  const patient = await signedInUser(server, 'patient');
  const answer = await api<{ ticket: Ticket; error?: { code: string } }>(
    server,
    'POST',
    `/api/queues/${code}/tickets`,
    { token: patient.token },
  );
  return { patient, answer };
};
const callNext = (code: string, room: string) =>
  api<{ ticket: Ticket; error?: { code: string; details?: unknown } }>(
    server,
    'POST',
    `/api/queues/${code}/call-next`,
    { token: nurse.token, body: { room } },
  );

/** The positions (1 = next) of the waiting tickets told "almost your turn", and how often each was. */
async function toldAlmost(code: string): Promise<number[]> {
  const rows = await server.ctx.sequelize.query<{ seq: number; n: number }>(
    `SELECT t.seq, count(n.id)::int AS n FROM tickets t JOIN departments d ON d.id = t.department_id
       JOIN notifications n ON n.user_id = t.user_id AND n.type = 'almost_your_turn' AND n.department_id = d.id
      WHERE d.code = :code GROUP BY t.seq ORDER BY t.seq`,
    { replacements: { code }, type: QueryTypes.SELECT },
  );
  expect(rows.every((row) => row.n === 1)).toBe(true);
  return rows.map((row) => row.seq);
}

describe('department settings', () => {
  it('tells the patients within a raised alert position "almost your turn" at once, once each', async () => {
    const code = await openDepartment();
    for (let index = 0; index < 6; index++) expect((await join(code)).answer.status).toBe(201);
    expect(await toldAlmost(code)).toEqual([1, 2, 3]);
    const raised = await settle(code, { alertPosition: 5 });
    expect(raised.body.department.alertPosition).toBe(5);
    expect(await toldAlmost(code)).toEqual([1, 2, 3, 4, 5]);
    // Lowered, it tells nobody again; raised once more, nobody twice.
    await settle(code, { alertPosition: 1 });
    await settle(code, { alertPosition: 6 });
    expect(await toldAlmost(code)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const alertPosition of [0, 21, 2.5])
      expect((await settle(code, { alertPosition })).status).toBe(400);
  });

  it("sets when a call escalates from the department's escalation delay at the time of the call", async () => {
    const code = await openDepartment();
    await join(code);
    await join(code);
    await settle(code, { escalateAfterSeconds: 120 });
    const first = await callNext(code, '1');
    await settle(code, { escalateAfterSeconds: 10 });
    const second = await callNext(code, '1');
    const delays = await server.ctx.sequelize.query<{ ticket: string; seconds: number }>(
      `SELECT data->>'ticket' AS ticket, round(extract(epoch FROM escalate_at - created_at))::int AS seconds
         FROM notifications WHERE type = 'ticket_called' AND data->>'ticket' IN (:numbers) ORDER BY id`,
      {
        replacements: { numbers: [first.body.ticket.number, second.body.ticket.number] },
        type: QueryTypes.SELECT,
      },
    );
    expect(delays.map((row) => row.seconds)).toEqual([120, 10]);
    for (const escalateAfterSeconds of [9, 601]) {
      expect((await settle(code, { escalateAfterSeconds })).status).toBe(400);
    }
  });

  it('makes a call name one of the rooms once the department lists them', async () => {
    const code = await openDepartment();
    await join(code);
    await join(code);
    const listed = await settle(code, { rooms: ['1', '2B', 'Triage'] });
    expect(listed.body.department.rooms).toEqual(['1', '2B', 'Triage']);
    const unknown = await callNext(code, '3');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 'unknown_room',
      details: [{ path: 'body.room', message: 'must be one of: 1, 2B, Triage' }],
    });
    // As the department spells it, whatever the case typed.
    expect((await callNext(code, '2b')).body.ticket.room).toBe('2B');
    await settle(code, { rooms: [] });
    expect((await callNext(code, 'Any room')).body.ticket.room).toBe('Any room');
    expect((await settle(code, { rooms: ['1', '1'] })).status).toBe(400);
    expect((await settle(code, { rooms: [''] })).status).toBe(400);
  });

  it('takes an archived department off the board and closes it to joins and openings, keeping its history', async () => {
    const code = await openDepartment();
    const waiting = await join(code);
    expect((await settle(code, { archived: true })).body.department.archived).toBe(true);
    const board = await api<QueueStatus[]>(server, 'GET', '/api/queues');
    expect(board.body.map((status) => status.department)).not.toContain(code);
    expect((await api(server, 'GET', `/api/queues/${code}`)).status).toBe(200);
    const late = await join(code);
    expect([late.answer.status, late.answer.body.error?.code]).toEqual([409, 'department_archived']);
    // The patient already there is still seen, and the queue can close (it drains) but not open again.
    expect((await callNext(code, '1')).body.ticket.id).toBe(waiting.answer.body.ticket.id);
    expect((await api(server, 'POST', `/api/queues/${code}/close`, { token: nurse.token })).status).toBe(200);
    const reopen = await api<{ error?: { code: string } }>(server, 'POST', `/api/queues/${code}/open`, {
      token: nurse.token,
    });
    expect([reopen.status, reopen.body.error?.code]).toEqual([409, 'department_archived']);
    const listed = await api<Department[]>(server, 'GET', '/api/departments', { token: nurse.token });
    expect(listed.body.find((department) => department.code === code)?.archived).toBe(true);

    await settle(code, { archived: false });
    expect((await api<QueueStatus[]>(server, 'GET', '/api/queues')).body.map((s) => s.department)).toContain(
      code,
    );
    expect((await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token })).status).toBe(200);
  });

  it('checks every setting and answers 404 for an unknown department', async () => {
    const code = await openDepartment();
    for (const longWaitMinutes of [4, 601])
      expect((await settle(code, { longWaitMinutes })).status).toBe(400);
    expect((await settle(code, { longWaitMinutes: 5, name: 'Renamed' })).body.department).toMatchObject({
      code,
      name: 'Renamed',
      longWaitMinutes: 5,
    });
    expect((await api(server, 'GET', `/api/queues/${code}`)).body).toMatchObject({ name: 'Renamed' });
    expect((await settle('NOPE', { name: 'Nope' })).status).toBe(404);
    expect((await settle(code, { code: 'OTHER' })).status).toBe(400);
  });
});
