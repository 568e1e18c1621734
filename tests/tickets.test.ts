import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { QueueStatus } from '../shared/schemas';
import type { StaffTicket, Ticket, TicketMetrics } from '../shared/tickets';
import type { Clock } from '../server/clock';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, connectSocket, createPatients, nextEvent, outboxSettles } from './support/engine';
import type { Patient } from './support/engine';

/** A stopped clock the test moves by hand. */
const clock: Clock & { set(date: Date): void } = (() => {
  let current = new Date();
  return {
    now: () => new Date(current),
    set: (date: Date) => {
      current = date;
    },
  };
})();

let receiver: PushReceiver;
let server: TestServer;
let nurse: { token: string; id: number };

beforeAll(async () => {
  receiver = await startPushReceiver();
  server = await startTestServer(
    { PUSH_ALLOWED_ORIGINS: receiver.origin, HOSPITAL_TIMEZONE: 'America/New_York' },
    { clock },
  );
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

/** Each test gets its own department, open, so counters and positions start from scratch. */
let department = '';
let departmentCount = 0;
beforeEach(async () => {
  clock.set(new Date());
  departmentCount += 1;
  department = `T${departmentCount}`;
  const admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code: department, name: `Test ${departmentCount}` },
  });
  await api(server, 'POST', `/api/queues/${department}/open`, { token: nurse.token });
});

const join = (patient: { token: string }) =>
  api<{ ticket: Ticket; error?: { code: string } }>(server, 'POST', `/api/queues/${department}/tickets`, {
    token: patient.token,
  });
const callNext = (room = '3') =>
  api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${department}/call-next`, {
    token: nurse.token,
    body: { room },
  });
const act = (id: number, action: string, body?: unknown) =>
  api<{ ticket: Ticket; error?: { code: string } }>(server, 'POST', `/api/tickets/${id}/${action}`, {
    token: nurse.token,
    body,
  });
const mine = async (patient: { token: string }) =>
  (await api<Ticket[]>(server, 'GET', '/api/tickets/mine', { token: patient.token })).body.find(
    (t) => t.department === department,
  );

async function notificationsOf(type: string, userIds: number[]): Promise<Map<number, number>> {
  const rows = await server.ctx.sequelize.query<{ user_id: number; n: number }>(
    `SELECT user_id, count(*)::int AS n FROM notifications n JOIN departments d ON d.id = n.department_id
      WHERE n.type = :type AND d.code = :department AND user_id IN (:userIds) GROUP BY user_id`,
    { replacements: { type, department, userIds }, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((row) => [Number(row.user_id), row.n]));
}

describe('joining', () => {
  it('issues unique numbers under 50 concurrent joins, and starts again at 001 the next local day', async () => {
    const patients = await createPatients(server, null, 50);
    const answers = await Promise.all(patients.map(join));
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    const numbers = answers.map((answer) => answer.body.ticket.number).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[0]).toBe(`${department}-001`);
    expect(numbers[49]).toBe(`${department}-050`);
    const positions = answers
      .map((answer) => answer.body.ticket.position)
      .sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(positions).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));

    // 00:30 the next morning in New York (05:30 UTC): a new day, numbering starts over.
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 2);
    clock.set(new Date(`${tomorrow.toISOString().slice(0, 10)}T05:30:00Z`));
    const [late] = await createPatients(server, null, 1);
    expect((await join(late as Patient)).body.ticket.number).toBe(`${department}-001`);
  });

  it('refuses a second ticket in the same queue (409 already_in_queue, with the ticket) and a closed queue', async () => {
    const patient = await signedInUser(server, 'patient');
    const first = await join(patient);
    const [again, concurrent] = await Promise.all([join(patient), join(patient)]);
    for (const answer of [again, concurrent]) {
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('already_in_queue');
      expect(answer.body.ticket).toEqual(first.body.ticket);
    }
    await api(server, 'POST', `/api/queues/${department}/close`, { token: nurse.token });
    const other = await signedInUser(server, 'patient');
    const closed = await join(other);
    expect(closed.status).toBe(409);
    expect(closed.body.error?.code).toBe('queue_closed');
    // Closing drains: the waiting ticket stays.
    expect((await mine(patient))?.status).toBe('waiting');
    expect((await api<QueueStatus>(server, 'GET', `/api/queues/${department}`)).body.totalWaiting).toBe(1);
  });

  it('lets a patient cancel only their own ticket', async () => {
    const [alice, bob] = await createPatients(server, null, 2);
    const ticket = (await join(alice as Patient)).body.ticket;
    expect((await api(server, 'DELETE', `/api/tickets/${ticket.id}`, { token: bob?.token })).status).toBe(
      404,
    );
    expect((await api(server, 'DELETE', `/api/tickets/${ticket.id}`, { token: nurse.token })).status).toBe(
      403,
    );
    const cancelled = await api<{ ticket: Ticket }>(server, 'DELETE', `/api/tickets/${ticket.id}`, {
      token: alice?.token,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.ticket).toMatchObject({ status: 'cancelled', position: null });
    expect((await api(server, 'DELETE', `/api/tickets/${ticket.id}`, { token: alice?.token })).status).toBe(
      409,
    );
    // With the first ticket cancelled, joining again is allowed.
    expect((await join(alice as Patient)).status).toBe(201);
  });
});

describe('calling', () => {
  it('gives two nurses calling at once two different patients, and 404 queue_empty when nobody waits', async () => {
    const patients = await createPatients(server, null, 2);
    for (const patient of patients) await join(patient);
    const [a, b] = await Promise.all([callNext('1'), callNext('2')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.ticket.id).not.toBe(b.body.ticket.id);
    const empty = await callNext();
    expect(empty.status).toBe(404);
    expect(empty.body).toMatchObject({ error: { code: 'queue_empty' } });
  });

  it('survives many nurses calling at once while "almost your turn" moves down the queue', async () => {
    const patients = await createPatients(server, null, 10);
    for (const patient of patients) await join(patient);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => callNext(String(index + 1))));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.ticket.id)).size).toBe(6);
    // The four still waiting are all within reach of the alert position by now, or will be: none twice.
    const counts = await notificationsOf(
      'almost_your_turn',
      patients.map((patient) => patient.id),
    );
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('moves positions and estimates as tickets are called and cancelled, and shows who is being served', async () => {
    const patients = await createPatients(server, null, 4);
    for (const patient of patients) await join(patient);
    const before = await Promise.all(patients.map(mine));
    expect(before.map((ticket) => ticket?.position)).toEqual([1, 2, 3, 4]);
    expect(before.map((ticket) => ticket?.estimatedWaitMinutes)).toEqual([5, 10, 15, 20]);

    const called = await callNext('7');
    expect(called.body.ticket).toMatchObject({ status: 'called', position: null, room: '7' });
    await api(server, 'DELETE', `/api/tickets/${before[2]?.id}`, { token: patients[2]?.token });
    const after = await Promise.all([patients[1], patients[3]].map((patient) => mine(patient as Patient)));
    expect(after.map((ticket) => ticket?.position)).toEqual([1, 2]);

    const status = (await api<QueueStatus>(server, 'GET', `/api/queues/${department}`)).body;
    expect(status).toMatchObject({ totalWaiting: 2, statusMessage: 'Queue Open - 2 waiting' });
    expect(status.nowServing).toEqual([
      { ticket: called.body.ticket.number, room: '7', calledAt: expect.any(String) },
    ]);
    expect(status.estimatedWaitMinutes).toBe(10);

    // A completed visit of 12 minutes becomes the department's pace.
    await act(called.body.ticket.id, 'serve');
    clock.set(new Date(clock.now().getTime() + 12 * 60_000));
    await act(called.body.ticket.id, 'complete');
    expect((await mine(patients[1] as Patient))?.estimatedWaitMinutes).toBe(12);
  });

  it("gives staff each waiting ticket's position, estimate and range as its patient sees them", async () => {
    const patients = await createPatients(server, null, 8);
    const tickets: Ticket[] = [];
    for (const patient of patients) tickets.push((await join(patient)).body.ticket);
    // Three visits of 6, 9 and 15 minutes: enough for a spread of service times.
    for (const minutes of [6, 9, 15]) {
      const called = (await callNext('2')).body.ticket;
      await act(called.id, 'serve');
      clock.set(new Date(clock.now().getTime() + minutes * 60_000));
      await act(called.id, 'complete');
    }
    await act(tickets[7]?.id ?? 0, 'priority', { priority: 'urgent', reason: 'pain' });
    await callNext('5'); // the urgent one, ahead of the rest
    const staffList = await api<StaffTicket[]>(server, 'GET', `/api/queues/${department}/tickets`, {
      token: nurse.token,
    });
    const waiting = staffList.body.filter((ticket) => ticket.status === 'waiting');
    expect(waiting.map((ticket) => ticket.position)).toEqual([1, 2, 3, 4]);
    const own = await Promise.all(patients.slice(3, 7).map(mine));
    const figures = (ticket: Ticket | undefined) => [
      ticket?.id,
      ticket?.position,
      ticket?.estimatedWaitMinutes,
      ticket?.estimatedWaitRange,
    ];
    expect(waiting.map(figures)).toEqual(own.map(figures));
    expect(waiting[0]?.estimatedWaitRange).not.toBeNull();
    expect(staffList.body.find((ticket) => ticket.status === 'called')?.position).toBeNull();
  });

  it('orders by priority, records who changed it and why, and sends "almost your turn" once per ticket', async () => {
    const patients = await createPatients(server, null, 6);
    const tickets: Ticket[] = [];
    for (const patient of patients) tickets.push((await join(patient)).body.ticket);
    // The last patient is an emergency: straight to the front.
    const raised = await act(tickets[5]?.id ?? 0, 'priority', {
      priority: 'emergency',
      reason: 'chest pain',
    });
    expect(raised.body.ticket.position).toBe(1);
    const [event] = await server.ctx.sequelize.query<{ actor_id: number; reason: string; priority: string }>(
      `SELECT actor_id, reason, priority FROM ticket_events WHERE ticket_id = :id AND kind = 'priority'`,
      { replacements: { id: tickets[5]?.id }, type: QueryTypes.SELECT },
    );
    expect(event).toMatchObject({ reason: 'chest pain', priority: 'emergency' });
    expect(Number(event?.actor_id)).toBe(nurse.id);
    const staffList = await api<StaffTicket[]>(server, 'GET', `/api/queues/${department}/tickets`, {
      token: nurse.token,
    });
    expect(staffList.body.map((ticket) => ticket.id)).toEqual(
      [5, 0, 1, 2, 3, 4].map((index) => tickets[index]?.id),
    );
    expect(staffList.body[0]).toMatchObject({
      priority: 'emergency',
      patientName: expect.stringContaining('Zelda'),
    });

    for (let call = 0; call < 6; call++) expect((await callNext()).status).toBe(200);
    const counts = await notificationsOf(
      'almost_your_turn',
      patients.map((patient) => patient.id),
    );
    for (const patient of patients) expect(counts.get(patient.id), `patient ${patient.id}`).toBe(1);
  });

  it('sends the called patient a push with the room and no name, urgent', async () => {
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    await join(patient);
    await outboxSettles(server, ALL_DELIVERED);
    const called = await callNext('12');
    const [push] = await receiver.waitFor(
      (message) =>
        (message.payload as { type: string; id: number }).type === 'ticket_called' &&
        message.endpointId === receiver.endpointIdOf(patient.endpoint ?? ''),
    );
    expect(push?.payload).toMatchObject({ type: 'ticket_called', department, title: 'It is your turn' });
    expect(String((push?.payload as { body: string }).body)).toContain('room 12');
    expect(String((push?.payload as { body: string }).body)).toContain(called.body.ticket.number);
    expect(JSON.stringify(push?.payload)).not.toContain('Privatename');
    expect(push?.headers.urgency).toBe('high');
  });

  it('follows the ticket life cycle and refuses steps out of order with 409 invalid_transition', async () => {
    const [patient] = (await createPatients(server, null, 1)) as [Patient];
    const ticket = (await join(patient)).body.ticket;
    for (const action of ['serve', 'complete', 'no-show', 'recall']) {
      const refused = await act(ticket.id, action);
      expect(refused.status, action).toBe(409);
      expect(refused.body.error?.code).toBe('invalid_transition');
    }
    await callNext('4');
    const recalled = await act(ticket.id, 'recall');
    expect(recalled.body.ticket).toMatchObject({ status: 'called', room: '4' });
    const [{ call_count } = { call_count: 0 }] = await server.ctx.sequelize.query<{ call_count: number }>(
      `SELECT call_count FROM tickets WHERE id = :id`,
      { replacements: { id: ticket.id }, type: QueryTypes.SELECT },
    );
    expect(call_count).toBe(2);
    expect((await act(ticket.id, 'priority', { priority: 'urgent', reason: 'x' })).status).toBe(409);
    expect((await act(ticket.id, 'serve')).body.ticket.status).toBe('serving');
    // A console that reloads still sees the patient being seen, so it can complete the visit.
    const staffView = await api<StaffTicket[]>(server, 'GET', `/api/queues/${department}/tickets`, {
      token: nurse.token,
    });
    expect(staffView.body.map((entry) => [entry.id, entry.status])).toEqual([[ticket.id, 'serving']]);
    const done = await act(ticket.id, 'complete');
    expect(done.body.ticket.status).toBe('done');
    expect(done.body.ticket.completedAt).not.toBeNull();
    expect((await act(ticket.id, 'complete')).status).toBe(409);
    const kinds = await server.ctx.sequelize.query<{ kind: string }>(
      `SELECT kind FROM ticket_events WHERE ticket_id = :id ORDER BY id`,
      { replacements: { id: ticket.id }, type: QueryTypes.SELECT },
    );
    expect(kinds.map((row) => row.kind)).toEqual(['joined', 'called', 'recalled', 'serve', 'complete']);
  });

  it('notifies a no-show, and on close only the patients still waiting', async () => {
    const patients = await createPatients(server, null, 3);
    for (const patient of patients) await join(patient);
    const first = await callNext();
    await act(first.body.ticket.id, 'no-show');
    await callNext();
    await api(server, 'POST', `/api/queues/${department}/close`, { token: nurse.token });
    await outboxSettles(server, ALL_DELIVERED);
    const ids = patients.map((patient) => patient.id);
    expect([...(await notificationsOf('ticket_no_show', ids)).keys()]).toEqual([patients[0]?.id]);
    expect([...(await notificationsOf('queue_closed', ids)).keys()]).toEqual([patients[2]?.id]);
  });
});

describe('live updates', () => {
  it('tells displays who is called, the owner and staff about the ticket, and subscribers the new status', async () => {
    const [patient] = (await createPatients(server, null, 1)) as [Patient];
    const display = await connectSocket(server);
    await display.emitWithAck('queue:subscribe', [department]);
    const owner = await connectSocket(server, patient.token);
    const staff = await connectSocket(server, nurse.token);
    try {
      const statusAfterJoin = nextEvent(display, 'queue:status');
      const ownerUpdate = nextEvent(owner, 'ticket:updated');
      const ticket = (await join(patient)).body.ticket;
      expect((await statusAfterJoin)[0]).toMatchObject({ department, totalWaiting: 1 });
      expect((await ownerUpdate)[0]).toMatchObject({ id: ticket.id, status: 'waiting' });
      expect((await ownerUpdate)[0]).not.toHaveProperty('patientName');

      const calledEvent = nextEvent(display, 'ticket:called');
      const staffUpdate = nextEvent(staff, 'ticket:updated');
      await callNext('9');
      const [called] = await calledEvent;
      expect(Object.keys(called).sort()).toEqual(['calledAt', 'department', 'number', 'room']);
      expect(called).toMatchObject({ department, number: ticket.number, room: '9' });
      expect((await staffUpdate)[0]).toMatchObject({
        id: ticket.id,
        status: 'called',
        patientName: expect.any(String),
      });
    } finally {
      display.close();
      owner.close();
      staff.close();
    }
  });
});

describe('metrics', () => {
  it('match a scripted day of joins and calls', async () => {
    const patients = await createPatients(server, null, 4);
    const base = new Date();
    base.setUTCDate(base.getUTCDate() + 5);
    const day = base.toISOString().slice(0, 10);
    const at = (time: string) => clock.set(new Date(`${day}T${time}:00-05:00`)); // New York, winter or summer: tested as an offset
    at('09:00');
    const t1 = (await join(patients[0] as Patient)).body.ticket;
    at('09:10');
    const t2 = (await join(patients[1] as Patient)).body.ticket;
    at('09:20');
    const t3 = (await join(patients[2] as Patient)).body.ticket;
    at('10:05');
    const t4 = (await join(patients[3] as Patient)).body.ticket;
    at('09:30');
    await callNext(); // t1 waited 30 min
    await act(t1.id, 'serve');
    at('09:40');
    await act(t1.id, 'complete'); // service 10 min
    await callNext(); // t2 waited 30 min
    await act(t2.id, 'serve');
    at('10:00');
    await act(t2.id, 'complete'); // service 20 min
    at('10:10');
    await callNext(); // t3 waited 50 min
    await act(t3.id, 'no-show');
    await api(server, 'DELETE', `/api/tickets/${t4.id}`, { token: patients[3]?.token });

    const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
      new Date(`${day}T09:00:00-05:00`),
    );
    const metrics = await api<TicketMetrics>(
      server,
      'GET',
      `/api/queues/${department}/metrics?date=${localDay}`,
      {
        token: nurse.token,
      },
    );
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatchObject({ joined: 4, served: 2, noShow: 1, cancelled: 1 });
    expect(metrics.body.waitMinutes).toEqual({ median: 30, p90: 46 });
    expect(metrics.body.serviceMinutes).toEqual({ median: 15, p90: 19 });
    const offsetHour = (local: number) =>
      Number(
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'America/New_York',
          hour: 'numeric',
          hourCycle: 'h23',
        }).format(new Date(`${day}T${String(local).padStart(2, '0')}:00:00-05:00`)),
      );
    const nine = metrics.body.perHour.find((hour) => hour.hour === offsetHour(9));
    expect(nine).toMatchObject({ joined: 3, called: 2, served: 1 });
    expect(metrics.body.perHour.reduce((sum, hour) => sum + hour.joined, 0)).toBe(4);
    expect(t2.number).toBe(`${department}-002`);
  });

  it('is for staff, and validates the date', async () => {
    const patient = await signedInUser(server, 'patient');
    expect(
      (await api(server, 'GET', `/api/queues/${department}/metrics`, { token: patient.token })).status,
    ).toBe(403);
    expect(
      (await api(server, 'GET', `/api/queues/${department}/metrics?date=yesterday`, { token: nurse.token }))
        .status,
    ).toBe(400);
    expect((await api(server, 'GET', `/api/queues/NOPE/metrics`, { token: nurse.token })).status).toBe(404);
  });
});

describe('who may do what, and bad input', () => {
  it('keeps patients away from nurse actions and nurses from joining', async () => {
    const patient = await signedInUser(server, 'patient');
    const ticket = (await join(patient)).body.ticket;
    expect(
      (
        await api(server, 'POST', `/api/queues/${department}/call-next`, {
          token: patient.token,
          body: { room: '1' },
        })
      ).status,
    ).toBe(403);
    for (const action of ['recall', 'serve', 'complete', 'no-show']) {
      expect(
        (await api(server, 'POST', `/api/tickets/${ticket.id}/${action}`, { token: patient.token })).status,
      ).toBe(403);
    }
    expect(
      (await api(server, 'GET', `/api/queues/${department}/tickets`, { token: patient.token })).status,
    ).toBe(403);
    expect(
      (await api(server, 'POST', `/api/queues/${department}/tickets`, { token: nurse.token })).status,
    ).toBe(403);
    expect((await api(server, 'POST', `/api/queues/${department}/tickets`)).status).toBe(401);
  });

  it('answers bad input with 400 and changes nothing', async () => {
    const patient = await signedInUser(server, 'patient');
    const ticket = (await join(patient)).body.ticket;
    for (const body of [undefined, {}, { room: '' }, { room: 'x'.repeat(40) }, { room: '1', extra: true }]) {
      const response = await api(server, 'POST', `/api/queues/${department}/call-next`, {
        token: nurse.token,
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    for (const body of [
      { priority: 'vip', reason: 'x' },
      { priority: 'urgent' },
      { priority: 'urgent', reason: '' },
    ]) {
      expect((await act(ticket.id, 'priority', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (
        await api(server, 'POST', `/api/queues/${department}/tickets`, {
          token: patient.token,
          body: { seat: 1 },
        })
      ).status,
    ).toBe(400);
    expect((await act(0, 'serve')).status).toBe(400);
    expect((await act(999999, 'serve')).status).toBe(404);
    expect(await mine(patient)).toMatchObject({ status: 'waiting', position: 1 });
  });
});
