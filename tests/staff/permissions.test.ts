import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Department } from '../../shared/schemas';
import type { Staff } from '../../shared/staff';
import type { Ticket } from '../../shared/tickets';
import { connectSocket } from '../support/engine';
import type { ClientSocket } from '../support/engine';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { drained, recordInto, staffMember } from '../support/staff';
import type { Heard } from '../support/staff';

/**
 * A nurse assigned to LAB only, made by an admin through the API: she acts on LAB and is refused OPD
 * (403 not_assigned) on every kind of route, her socket hears LAB's staff events and none of OPD's,
 * new departments reach her open socket at once, and disabling her ends her socket and token at once.
 */

let server: TestServer;
let admin: { token: string };
let wardNurse: { token: string };
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInUser(server, 'admin');
  // A nurse of every department, who works OPD beside her.
  wardNurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.stop();
});

const as = (token: string, body?: unknown) => ({ token, ...(body === undefined ? {} : { body }) });
const joined = async (department: string) => {
  const patient = await signedInUser(server, 'patient', { name: `Pat ${department}` });
  const answer = await api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${department}/tickets`, {
    token: patient.token,
  });
  expect(answer.status).toBe(201);
  return answer.body.ticket;
};
const departmentsIn = (heard: Heard[]) =>
  new Set(heard.map((item) => (item.args[0] as { department?: string }).department));

it('lets a LAB nurse act on LAB only, and tells her socket about LAB only', async () => {
  const lena = await staffMember(server, admin.token, {
    email: 'lena.lab@ward.example',
    name: 'Lena Lab',
    role: 'nurse',
    departments: ['lab'],
  });
  const heard: Heard[] = [];
  const socket = await connectSocket(server, lena.token, recordInto(heard));
  sockets.push(socket);

  const mine = await api<Department[]>(server, 'GET', '/api/departments', as(lena.token));
  expect(mine.body.map((department) => department.code)).toEqual(['LAB']);
  expect((await api(server, 'POST', '/api/queues/LAB/open', as(lena.token, {}))).status).toBe(200);
  expect((await api(server, 'POST', '/api/queues/OPD/open', as(wardNurse.token, {}))).status).toBe(200);
  const labTicket = await joined('LAB');
  const opdTicket = await joined('OPD');

  const refused = [
    await api(server, 'POST', '/api/queues/OPD/open', as(lena.token, {})),
    await api(server, 'POST', '/api/queues/OPD/close', as(lena.token, {})),
    await api(server, 'POST', '/api/queues/OPD/call-next', as(lena.token, { room: '1' })),
    await api(server, 'GET', '/api/queues/OPD/tickets', as(lena.token)),
    await api(server, 'POST', `/api/tickets/${opdTicket.id}/priority`, as(lena.token, prioritise)),
    await api(server, 'POST', '/operations/queue/status/', as(lena.token, legacyOpen)),
  ];
  expect(refused.map((answer) => [answer.status, errorCode(answer.body)])).toEqual(
    refused.map(() => [403, 'not_assigned']),
  );
  // The ticket actions on a called OPD ticket, once another nurse has called it.
  expect(
    (await api(server, 'POST', '/api/queues/OPD/call-next', as(wardNurse.token, { room: '1' }))).status,
  ).toBe(200);
  for (const action of ['recall', 'serve', 'complete', 'no-show']) {
    const answer = await api(server, 'POST', `/api/tickets/${opdTicket.id}/${action}`, as(lena.token));
    expect([answer.status, errorCode(answer.body)]).toEqual([403, 'not_assigned']);
  }

  const called = await api<{ ticket: Ticket }>(
    server,
    'POST',
    '/api/queues/LAB/call-next',
    as(lena.token, { room: '2' }),
  );
  expect(called.body.ticket.id).toBe(labTicket.id);
  expect((await api(server, 'POST', `/api/tickets/${labTicket.id}/serve`, as(lena.token))).status).toBe(200);
  // Staff-only events from the delivery and long-wait workers, for each department.
  for (const department of ['OPD', 'LAB']) {
    const event = { ticketId: 1, department, number: `${department}-001` };
    server.ctx.realtime.ticketUnreached({ ...event, notificationId: 1 });
    server.ctx.realtime.ticketReached({ ...event, channel: 'push' });
    server.ctx.realtime.ticketLongWait({ ...event, waitingMinutes: 41 });
  }
  await drained(socket);

  expect(new Set(heard.map((item) => item.event))).toEqual(
    new Set(['ticket:updated', 'ticket:unreached', 'ticket:reached', 'ticket:long_wait']),
  );
  expect(departmentsIn(heard)).toEqual(new Set(['LAB']));
  expect(JSON.stringify(heard)).toContain('Pat LAB');
  expect(JSON.stringify(heard)).not.toContain('Pat OPD');
});

it("moves an open socket to the nurse's new departments at once, and a disabled nurse's socket and token end at once", async () => {
  const otto = await staffMember(server, admin.token, {
    email: 'otto@ward.example',
    name: 'Otto',
    role: 'nurse',
    departments: ['LAB'],
  });
  const heard: Heard[] = [];
  const socket = await connectSocket(server, otto.token, recordInto(heard));
  sockets.push(socket);
  await joined('OPD');
  await drained(socket);
  expect(departmentsIn(heard)).toEqual(new Set());

  const moved = await api<{ staff: Staff }>(
    server,
    'PATCH',
    `/api/staff/${otto.id}`,
    as(admin.token, { departments: ['LAB', 'OPD'] }),
  );
  expect(moved.body.staff.departments).toEqual(['LAB', 'OPD']);
  await joined('OPD');
  await drained(socket);
  expect(departmentsIn(heard)).toEqual(new Set(['OPD']));
  expect((await api(server, 'GET', '/api/queues/OPD/tickets', as(otto.token))).status).toBe(200);

  const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  const disabled = await api<{ staff: Staff }>(
    server,
    'PATCH',
    `/api/staff/${otto.id}`,
    as(admin.token, { disabled: true }),
  );
  expect(disabled.body.staff.disabled).toBe(true);
  // Before any other request: the answer came once the sessions were revoked and the socket told to go.
  expect((await api(server, 'GET', '/api/me', as(otto.token))).status).toBe(401);
  expect(await cut).toBe('io server disconnect');
  await expect(connectSocket(server, otto.token)).rejects.toThrow('unauthenticated');
  const login = await api(server, 'POST', '/api/auth/login', {
    body: { email: otto.email, password: otto.password },
  });
  expect([login.status, errorCode(login.body)]).toEqual([403, 'account_disabled']);
  // A wrong password still gets the generic answer: a disabled account is named only to its holder.
  const guess = await api(server, 'POST', '/api/auth/login', {
    body: { email: otto.email, password: 'not his password' },
  });
  expect([guess.status, errorCode(guess.body)]).toEqual([401, 'unauthenticated']);

  // Enabled again, the account signs in again with the same password.
  await api(server, 'PATCH', `/api/staff/${otto.id}`, as(admin.token, { disabled: false }));
  const again = await api(server, 'POST', '/api/auth/login', {
    body: { email: otto.email, password: otto.password },
  });
  expect(again.status).toBe(200);
});

it('keeps every department for nurses made without departments, and for admins', async () => {
  const staff = await api<Staff[]>(server, 'GET', '/api/staff', as(admin.token));
  const ward = staff.body.find((member) => member.role === 'nurse' && member.departments === 'all');
  expect(ward).toBeDefined();
  const every = await api<Department[]>(server, 'GET', '/api/departments', as(wardNurse.token));
  expect(every.body.map((department) => department.code)).toEqual(['LAB', 'OPD', 'PHARM']);
  expect(every.body[0]).toEqual({
    id: expect.any(Number),
    code: 'LAB',
    name: 'Laboratory',
    rooms: [],
    alertPosition: 3,
    escalateAfterSeconds: 30,
    longWaitMinutes: 40,
    archived: false,
  });
  const unknown = await api(server, 'POST', '/api/staff', {
    token: admin.token,
    body: { email: 'x@ward.example', name: 'X', role: 'nurse', departments: ['XRAY'] },
  });
  expect([unknown.status, errorCode(unknown.body)]).toEqual([400, 'unknown_department']);
});

const prioritise = { priority: 'urgent', reason: 'test' };
const legacyOpen = { department: 'OPD', is_open: true };

function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | undefined)?.error?.code;
}
