import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ticket } from '../shared/tickets';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';

let server: TestServer;
let admin: { token: string };
let nurse: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInUser(server, 'admin');
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
});

/**
 * A department whose recent patients took these minutes each (completed tickets written as the serve
 * and complete steps leave them), with one room calling and three patients waiting; the third's ticket.
 */
async function thirdInLineWith(code: string, serviceMinutes: number[]): Promise<Ticket> {
  await api(server, 'POST', '/api/departments', { token: admin.token, body: { code, name: code } });
  await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token });
  const served = await signedInUser(server, 'patient');
  await server.ctx.sequelize.query(
    `INSERT INTO tickets (department_id, user_id, service_date, seq, number, status, serving_at, completed_at)
     SELECT d.id, :userId, current_date, 900 + m.i, d.code || '-9' || m.i, 'done',
            now() - interval '1 hour' - make_interval(secs => m.minutes * 60), now() - interval '1 hour'
       FROM departments d, unnest(CAST(:minutes AS float8[])) WITH ORDINALITY AS m(minutes, i)
      WHERE d.code = :code`,
    { replacements: { userId: served.id, code, minutes: `{${serviceMinutes.join(',')}}` } },
  );
  let ticket: Ticket | undefined;
  for (let i = 0; i < 3; i++) {
    const patient = await signedInUser(server, 'patient');
    ticket = (
      await api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${code}/tickets`, { token: patient.token })
    ).body.ticket;
  }
  if (!ticket) throw new Error('no ticket');
  return ticket;
}

it('draws the range from the spread of recent service times: a wider spread, a wider range', async () => {
  const steady = await thirdInLineWith('STEADY', [9, 10, 10, 10, 11]);
  const varied = await thirdInLineWith('VARIED', [2, 4, 10, 18, 26]);
  expect(steady.position).toBe(3);
  expect(varied.position).toBe(3);
  const width = (ticket: Ticket) =>
    (ticket.estimatedWaitRange?.high ?? 0) - (ticket.estimatedWaitRange?.low ?? 0);
  expect(steady.estimatedWaitRange).not.toBeNull();
  expect(varied.estimatedWaitRange).not.toBeNull();
  expect(width(varied)).toBeGreaterThan(2 * width(steady));
  // Both ranges hold the point estimate of the same average service time.
  for (const ticket of [steady, varied]) {
    expect(ticket.estimatedWaitRange?.low).toBeLessThanOrEqual(ticket.estimatedWaitMinutes ?? 0);
    expect(ticket.estimatedWaitRange?.high).toBeGreaterThanOrEqual(ticket.estimatedWaitMinutes ?? 0);
  }
});

it('has no range before the department has enough recent service times', async () => {
  const fresh = await thirdInLineWith('FRESH', [10]);
  expect(fresh.estimatedWaitRange).toBeNull();
  expect(fresh.estimatedWaitMinutes).toBeGreaterThan(0);
});
