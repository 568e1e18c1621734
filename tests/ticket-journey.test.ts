import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Notification, NotificationPage, PushPayload } from '../shared/notifications';
import type { StaffTicket, Ticket, TicketEvent, TicketReplyEvent, TransferAnswer } from '../shared/tickets';
import type { Clock } from '../server/clock';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { startSmsGateway } from './support/sms-receivers/gateway';
import type { SmsGatewayReceiver } from './support/sms-receivers/gateway';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { connectSocket, nextEvent } from './support/engine';
import type { ClientSocket } from './support/engine';

/** A stopped clock the test moves by hand (the undo window is measured on it). */
const clock: Clock & { set(date: Date): void } = (() => {
  let current = new Date();
  return {
    now: () => new Date(current),
    set: (date: Date) => {
      current = date;
    },
  };
})();

const SECRET = `whsec_${Buffer.from('journey test gateway secret').toString('base64')}`;

let receiver: PushReceiver;
let gateway: SmsGatewayReceiver;
let server: TestServer;
let nurse: { token: string; id: number };
let otherNurse: { token: string; id: number };
let admin: { token: string; id: number };

beforeAll(async () => {
  receiver = await startPushReceiver();
  gateway = await startSmsGateway({ secret: SECRET });
  server = await startTestServer(
    { PUSH_ALLOWED_ORIGINS: receiver.origin, SMS_WEBHOOK_URL: gateway.url, SMS_WEBHOOK_SECRET: SECRET },
    { clock },
  );
  nurse = await signedInUser(server, 'nurse');
  otherNurse = await signedInUser(server, 'nurse');
  admin = await signedInUser(server, 'admin');
});
afterAll(async () => {
  await server.stop();
  await gateway.close();
  await receiver.close();
});

/** Each test gets its own pair of open departments (an OPD and a LAB), so numbers start at 001. */
let opd = '';
let lab = '';
let count = 0;
async function openDepartment(code: string): Promise<void> {
  await api(server, 'POST', '/api/departments', { token: admin.token, body: { code, name: `Dept ${code}` } });
  await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token });
}
beforeEach(async () => {
  clock.set(new Date());
  count += 1;
  opd = `OPD${count}`;
  lab = `LAB${count}`;
  await openDepartment(opd);
  await openDepartment(lab);
});

interface TestPatient {
  id: number;
  token: string;
  ticket: Ticket;
}

async function waitingPatient(
  department: string,
  reach: { push?: boolean; phone?: string } = {},
): Promise<TestPatient> {
  const patient = await signedInUser(server, 'patient', { name: 'Zelda Privatename' });
  if (reach.push) {
    const saved = await api(server, 'POST', '/api/push/subscriptions', {
      token: patient.token,
      body: receiver.subscriptionFor(),
    });
    expect(saved.status).toBe(201);
  }
  if (reach.phone) {
    expect(
      (await api(server, 'PATCH', '/api/me', { token: patient.token, body: { phone: reach.phone } })).status,
    ).toBe(200);
  }
  await api(server, 'PUT', '/api/me/preferences', {
    token: patient.token,
    body: {
      departments: [department],
      push: true,
      email: false,
      sms: reach.phone !== undefined,
      locale: 'en',
    },
  });
  const joined = await api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${department}/tickets`, {
    token: patient.token,
  });
  expect(joined.status).toBe(201);
  return { id: patient.id, token: patient.token, ticket: joined.body.ticket };
}

const callNext = async (department: string, token = nurse.token) =>
  api<{ ticket: Ticket; error?: { code: string } }>(server, 'POST', `/api/queues/${department}/call-next`, {
    token,
    body: { room: '3' },
  });
const act = <T = { ticket: Ticket }>(id: number, action: string, body?: unknown, token = nurse.token) =>
  api<T & { error?: { code: string } }>(server, 'POST', `/api/tickets/${id}/${action}`, { token, body });
const transfer = (id: number, body: unknown, token = nurse.token) =>
  act<TransferAnswer>(id, 'transfer', body, token);
const staffList = async (department: string) =>
  (await api<StaffTicket[]>(server, 'GET', `/api/queues/${department}/tickets`, { token: nurse.token })).body;
const events = async (id: number) =>
  (await api<TicketEvent[]>(server, 'GET', `/api/tickets/${id}/events`, { token: nurse.token })).body;

async function notificationsOfType(userId: number, type: string): Promise<Array<{ id: number }>> {
  return server.ctx.sequelize.query<{ id: number }>(
    `SELECT id FROM notifications WHERE user_id = :userId AND type = :type`,
    { replacements: { userId, type }, type: QueryTypes.SELECT },
  );
}

describe('transfer', () => {
  it('moves one patient from OPD to LAB: a linked LAB ticket with its own number, told once by push', async () => {
    await waitingPatient(lab); // LAB-001 is someone else's: the transfer takes the next number.
    const patient = await waitingPatient(opd, { push: true });
    await callNext(opd);
    const staffSocket = await connectSocket(server, nurse.token);
    const patientSocket = await connectSocket(server, patient.token);
    const staffHeard: Array<Ticket | StaffTicket> = [];
    staffSocket.on('ticket:updated', (ticket) => staffHeard.push(ticket));
    const patientHeardNew = new Promise<Ticket>((resolve) =>
      patientSocket.on('ticket:updated', (ticket) => {
        if (ticket.department === lab) resolve(ticket);
      }),
    );

    const moved = await transfer(patient.ticket.id, { department: lab.toLowerCase(), note: 'Blood test' });
    expect(moved.status).toBe(200);
    const { from, to } = moved.body;
    expect(from).toMatchObject({ id: patient.ticket.id, status: 'transferred', department: opd });
    expect(to).toMatchObject({ status: 'waiting', department: lab, number: `${lab}-002`, position: 2 });
    expect(to.transferredFrom).toEqual({ ticketId: from.id, department: opd, number: `${opd}-001` });
    expect(from.transferredTo).toEqual({ ticketId: to.id, department: lab, number: `${lab}-002` });

    // The same patient holds the new ticket; the old one is theirs no more to wait with.
    const owners = await server.ctx.sequelize.query<{ user_id: number }>(
      `SELECT DISTINCT user_id FROM tickets WHERE id IN (:ids)`,
      { replacements: { ids: [from.id, to.id] }, type: QueryTypes.SELECT },
    );
    expect(owners.map((row) => Number(row.user_id))).toEqual([patient.id]);
    const mine = await api<Ticket[]>(server, 'GET', '/api/tickets/mine', { token: patient.token });
    expect(mine.body.map((ticket) => ticket.id)).toEqual([to.id]);

    expect((await patientHeardNew).transferredFrom?.ticketId).toBe(from.id);
    const [push] = await receiver.waitFor(
      (message) => (message.payload as PushPayload).type === 'ticket_transferred',
    );
    const payload = push?.payload as PushPayload;
    expect(payload.body).toBe(`Go to ${lab}, number ${lab}-002.`);
    expect(JSON.stringify(payload)).not.toContain('Privatename');
    expect(push?.headers.urgency).toBe('high');
    expect(await notificationsOfType(patient.id, 'ticket_transferred')).toHaveLength(1);
    // Staff heard both tickets change, as with every other ticket change.
    expect(staffHeard.some((ticket) => ticket.id === from.id && ticket.status === 'transferred')).toBe(true);
    expect(staffHeard.some((ticket) => ticket.id === to.id && ticket.status === 'waiting')).toBe(true);
    expect((await staffList(opd)).map((ticket) => ticket.id)).not.toContain(from.id);
    staffSocket.close();
    patientSocket.close();

    // The history of each side names the other; a second transfer of the old ticket is refused.
    expect((await events(from.id)).find((event) => event.kind === 'transferred')).toMatchObject({
      reason: 'Blood test',
      ticket: { ticketId: to.id, number: `${lab}-002` },
      actor: { id: nurse.id },
    });
    expect((await transfer(from.id, { department: lab })).body.error?.code).toBe('invalid_transition');
  });

  it('keeps the priority only when asked, and refuses a closed target with nothing changed', async () => {
    const first = await waitingPatient(opd);
    await act(first.ticket.id, 'priority', { priority: 'urgent', reason: 'Pain' });
    const kept = await transfer(first.ticket.id, { department: lab, keepPriority: true });
    const keptRow = (await staffList(lab)).find((ticket) => ticket.id === kept.body.to.id);
    expect(keptRow?.priority).toBe('urgent');

    const second = await waitingPatient(opd);
    await act(second.ticket.id, 'priority', { priority: 'urgent', reason: 'Pain' });
    const plain = await transfer(second.ticket.id, { department: lab });
    expect((await staffList(lab)).find((ticket) => ticket.id === plain.body.to.id)?.priority).toBe('normal');

    const third = await waitingPatient(opd);
    await api(server, 'POST', `/api/queues/${lab}/close`, { token: nurse.token });
    const refused = await transfer(third.ticket.id, { department: lab });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('queue_closed');
    expect((await staffList(opd)).find((ticket) => ticket.id === third.ticket.id)?.status).toBe('waiting');
    expect(await notificationsOfType(third.id, 'ticket_transferred')).toHaveLength(0);
  });

  it('is only for a nurse of the ticket’s department', async () => {
    const patient = await waitingPatient(opd);
    const labNurse = await signedInUser(server, 'nurse', { departments: [lab] });
    const refused = await transfer(patient.ticket.id, { department: lab }, labNurse.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('not_assigned');
    const byPatient = await transfer(patient.ticket.id, { department: lab }, patient.token);
    expect(byPatient.status).toBe(403);
  });

  it('escalates by SMS when no device confirms it, like a call', async () => {
    await server.ctx.sequelize.query(`UPDATE departments SET escalate_after_seconds = 1 WHERE code = :lab`, {
      replacements: { lab },
    });
    const patient = await waitingPatient(opd, { push: true, phone: '+34 612 34 56 78' });
    const moved = await transfer(patient.ticket.id, { department: lab });
    const [notification] = await notificationsOfType(patient.id, 'ticket_transferred');
    const text = await gateway.waitForTextOf(Number(notification?.id));
    expect(text.payload.to).toBe('+34612345678');
    expect(text.payload.body).toContain(moved.body.to.number);
    expect(text.payload.body).toContain(lab);
  });

  it('never loses or doubles a ticket while nurses transfer and call and patients join at once', async () => {
    const movers = await Promise.all([1, 2, 3, 4].map(() => waitingPatient(opd)));
    const waitingInLab = await Promise.all([1, 2, 3].map(() => waitingPatient(lab)));
    const joiners = await Promise.all(
      [1, 2, 3].map(() => signedInUser(server, 'patient', { name: 'Zelda Privatename' })),
    );
    const results = await Promise.all([
      ...movers.map((mover, index) =>
        transfer(mover.ticket.id, { department: lab }, index % 2 === 0 ? nurse.token : otherNurse.token),
      ),
      ...[1, 2, 3].map((_, index) => callNext(lab, index % 2 === 0 ? otherNurse.token : nurse.token)),
      ...joiners.map((joiner) => api(server, 'POST', `/api/queues/${lab}/tickets`, { token: joiner.token })),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 201, 201, 201,
    ]);

    const rows = await server.ctx.sequelize.query<{ user_id: number; number: string; status: string }>(
      `SELECT t.user_id, t.number, t.status FROM tickets t JOIN departments d ON d.id = t.department_id
        WHERE d.code = :lab`,
      { replacements: { lab }, type: QueryTypes.SELECT },
    );
    // Ten patients, ten LAB tickets, ten different numbers, one each.
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((row) => row.number)).size).toBe(10);
    const everyone = [
      ...movers.map((m) => m.id),
      ...waitingInLab.map((w) => w.id),
      ...joiners.map((j) => j.id),
    ];
    expect(rows.map((row) => Number(row.user_id)).sort()).toEqual([...everyone].sort());
    // Three calls took three different tickets; the other seven wait.
    expect(rows.filter((row) => row.status === 'called')).toHaveLength(3);
    expect(rows.filter((row) => row.status === 'waiting')).toHaveLength(7);
    const opdLeft = await staffList(opd);
    expect(opdLeft).toHaveLength(0);
  });
});

describe('requeue', () => {
  it('puts a called ticket back at the front, or a no-show at the back, where asked', async () => {
    const [a, b, c] = [await waitingPatient(opd), await waitingPatient(opd), await waitingPatient(opd)];
    if (!a || !b || !c) throw new Error('patients');
    expect((await callNext(opd)).body.ticket.id).toBe(a.ticket.id);

    const front = await act(a.ticket.id, 'requeue', { placement: 'front' });
    expect(front.status).toBe(200);
    expect(front.body.ticket).toMatchObject({ status: 'waiting', position: 1, room: null });
    expect((await staffList(opd)).map((ticket) => ticket.id)).toEqual([
      a.ticket.id,
      b.ticket.id,
      c.ticket.id,
    ]);

    expect((await callNext(opd)).body.ticket.id).toBe(a.ticket.id);
    await act(a.ticket.id, 'no-show');
    const back = await act(a.ticket.id, 'requeue', { placement: 'back' });
    expect(back.body.ticket).toMatchObject({ status: 'waiting', position: 3 });
    expect((await staffList(opd)).map((ticket) => ticket.id)).toEqual([
      b.ticket.id,
      c.ticket.id,
      a.ticket.id,
    ]);
    expect((await callNext(opd)).body.ticket.id).toBe(b.ticket.id);

    // A waiting ticket is not requeued; the history says where each requeue put it.
    expect((await act(c.ticket.id, 'requeue', { placement: 'front' })).body.error?.code).toBe(
      'invalid_transition',
    );
    const placements = (await events(a.ticket.id))
      .filter((e) => e.kind === 'requeued')
      .map((e) => e.placement);
    expect(placements).toEqual(['front', 'back']);
  });
});

describe('undo', () => {
  async function ticketState(id: number): Promise<Record<string, unknown>> {
    const [row] = await server.ctx.sequelize.query<Record<string, unknown>>(
      `SELECT status, room, priority, priority_weight, call_count, called_at, last_called_at, serving_at,
              completed_at, ended_at, due_at FROM tickets WHERE id = :id`,
      { replacements: { id }, type: QueryTypes.SELECT },
    );
    return row ?? {};
  }

  it('restores the exact state before the nurse’s last step, then the one before', async () => {
    const patient = await waitingPatient(opd);
    const waiting = await ticketState(patient.ticket.id);
    await callNext(opd);
    const called = await ticketState(patient.ticket.id);
    clock.set(new Date(clock.now().getTime() + 60_000));
    await act(patient.ticket.id, 'serve');

    const undone = await act(patient.ticket.id, 'undo');
    expect(undone.status).toBe(200);
    expect(undone.body.ticket.status).toBe('called');
    expect(await ticketState(patient.ticket.id)).toEqual(called);
    await act(patient.ticket.id, 'undo');
    expect(await ticketState(patient.ticket.id)).toEqual(waiting);
    expect((await staffList(opd))[0]).toMatchObject({
      id: patient.ticket.id,
      status: 'waiting',
      position: 1,
    });
    // Nothing of this nurse's is left to undo: the join was the patient's.
    expect((await act(patient.ticket.id, 'undo')).body.error?.code).toBe('nothing_to_undo');

    // Called again, the patient hears of it again: an undone call does not swallow the next one.
    await callNext(opd);
    expect(await notificationsOfType(patient.id, 'ticket_called')).toHaveLength(2);
    const kinds = (await events(patient.ticket.id)).map((event) => [
      event.kind,
      event.undid,
      event.undoneAt !== null,
    ]);
    expect(kinds).toEqual([
      ['joined', null, false],
      ['called', null, true],
      ['serve', null, true],
      ['undone', 'serve', false],
      ['undone', 'called', false],
      ['called', null, false],
    ]);
  });

  it('refuses another nurse, and refuses after 5 minutes', async () => {
    const patient = await waitingPatient(opd);
    await callNext(opd);
    const refused = await act(patient.ticket.id, 'undo', undefined, otherNurse.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('nothing_to_undo');
    clock.set(new Date(clock.now().getTime() + 5 * 60_000 + 1));
    expect((await act(patient.ticket.id, 'undo')).body.error?.code).toBe('nothing_to_undo');
    expect((await staffList(opd))[0]?.status).toBe('called');
  });

  it('undoes a transfer: the patient is back where they were and the new ticket is withdrawn', async () => {
    const patient = await waitingPatient(opd);
    await callNext(opd);
    const before = await ticketState(patient.ticket.id);
    const moved = await transfer(patient.ticket.id, { department: lab });
    const undone = await act(patient.ticket.id, 'undo');
    expect(undone.body.ticket).toMatchObject({ status: 'called', transferredTo: null });
    expect(await ticketState(patient.ticket.id)).toEqual(before);
    expect(await staffList(lab)).toHaveLength(0);
    const [withdrawn] = await server.ctx.sequelize.query<{ status: string }>(
      `SELECT status FROM tickets WHERE id = :id`,
      { replacements: { id: moved.body.to.id }, type: QueryTypes.SELECT },
    );
    expect(withdrawn?.status).toBe('cancelled');
  });
});

describe('replies to a call', () => {
  let staffSocket: ClientSocket;
  beforeEach(async () => {
    staffSocket = await connectSocket(server, nurse.token);
  });

  it('reach the nurse live, from the app and from the push action with its receipt', async () => {
    const patient = await waitingPatient(opd, { push: true });
    const notCalled = await act(patient.ticket.id, 'reply', { reply: 'on_my_way' }, patient.token);
    expect(notCalled.status).toBe(409);
    expect(notCalled.body.error?.code).toBe('not_called');

    await callNext(opd);
    const fromApp = nextEvent(staffSocket, 'ticket:reply');
    expect((await act(patient.ticket.id, 'reply', { reply: 'need_more_time' }, patient.token)).status).toBe(
      204,
    );
    const [heard] = (await fromApp) as [TicketReplyEvent];
    expect(heard).toMatchObject({
      ticketId: patient.ticket.id,
      department: opd,
      number: patient.ticket.number,
      reply: 'need_more_time',
    });

    const [push] = await receiver.waitFor(
      (message) =>
        (message.payload as PushPayload).type === 'ticket_called' &&
        (message.payload as PushPayload).ticketId === patient.ticket.id,
    );
    const payload = push?.payload as PushPayload;
    expect(payload.actions?.map((action) => action.action)).toEqual(['on_my_way', 'need_more_time']);
    expect(payload.actions?.map((action) => action.title)).toEqual([
      'On my way',
      'I need a few more minutes',
    ]);
    const fromPush = nextEvent(staffSocket, 'ticket:reply');
    const answered = await fetch(
      `${server.url}/api/tickets/${payload.ticketId}/reply?receipt=${encodeURIComponent(payload.receipt)}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reply":"on_my_way"}' },
    );
    expect(answered.status).toBe(204);
    expect((await fromPush)[0].reply).toBe('on_my_way');
    const replies = (await events(patient.ticket.id)).filter((event) => event.kind === 'reply');
    expect(replies.map((event) => event.reply)).toEqual(['need_more_time', 'on_my_way']);
    // A console opened now still shows the latest answer; a new call (a recall) starts without one.
    const listed = async () => (await staffList(opd)).find((ticket) => ticket.id === patient.ticket.id);
    expect((await listed())?.reply).toEqual({ reply: 'on_my_way', at: expect.any(String) });
    expect(Date.parse((await listed())?.reply?.at ?? '')).not.toBeNaN();
    await act(patient.ticket.id, 'recall');
    expect((await listed())?.reply).toBeNull();
    staffSocket.close();
  });

  it('refuse a receipt of another notification and another patient', async () => {
    const patient = await waitingPatient(opd, { push: true });
    const stranger = await waitingPatient(opd, { push: true });
    await callNext(opd);
    const page = await api<NotificationPage>(server, 'GET', '/api/notifications', { token: stranger.token });
    const strangers: Notification | undefined = page.body.items[0];
    const wrongReceipt = await fetch(
      `${server.url}/api/tickets/${patient.ticket.id}/reply?receipt=${server.ctx.receipts.sign(strangers?.id ?? 0)}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reply":"on_my_way"}' },
    );
    expect(wrongReceipt.status).toBe(404);
    const otherPatient = await act(patient.ticket.id, 'reply', { reply: 'on_my_way' }, stranger.token);
    expect(otherPatient.status).toBe(404);
    const noToken = await act(patient.ticket.id, 'reply', { reply: 'on_my_way' }, '');
    expect(noToken.status).toBe(401);
    expect((await events(patient.ticket.id)).filter((event) => event.kind === 'reply')).toHaveLength(0);
    staffSocket.close();
  });
});
