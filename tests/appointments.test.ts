import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, ImportAnswer, PatientMatch, StaffAppointment } from '../shared/appointments';
import type { StaffTicket, Ticket } from '../shared/tickets';
import type { Clock } from '../server/clock';
import { connectSocket, nextEvent } from './support/engine';
import type { ClientSocket } from './support/engine';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';

/** A stopped clock the test moves by hand; the day is a fixed one in the future, in UTC. */
const clock: Clock & { set(time: string): void } = (() => {
  let current = new Date();
  return {
    now: () => new Date(current),
    set: (time: string) => {
      current = new Date(`${DAY}T${time}:00.000Z`);
    },
  };
})();
const DAY = `${new Date().getUTCFullYear() + 1}-03-10`;
const at = (time: string) => `${DAY}T${time}:00.000Z`;

let server: TestServer;
let nurse: { token: string; id: number };
let department = '';
let count = 0;

beforeAll(async () => {
  server = await startTestServer({ HOSPITAL_TIMEZONE: 'UTC' }, { clock });
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  clock.set('08:00');
  count += 1;
  department = `AP${count}`;
  const admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code: department, name: `Clinic ${count}` },
  });
  await api(server, 'POST', `/api/queues/${department}/open`, { token: nurse.token });
});

const book = async (patientId: number, time: string, token = nurse.token) =>
  api<{ appointment: StaffAppointment; error?: { code: string } }>(server, 'POST', '/api/appointments', {
    token,
    body: { department, patientId, at: at(time), note: 'bring x-rays' },
  });
const checkIn = (id: number, token: string) =>
  api<{ ticket: Ticket; error?: { code: string } }>(server, 'POST', `/api/appointments/${id}/check-in`, {
    token,
  });
const join = (token: string) =>
  api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${department}/tickets`, { token });
const cancel = (id: number) => api(server, 'DELETE', `/api/appointments/${id}`, { token: nurse.token });
const importCsv = (csv: string) =>
  api<ImportAnswer>(server, 'POST', '/api/appointments/import', {
    token: nurse.token,
    body: { department, date: DAY, csv, dryRun: false },
  });
const dayList = async () =>
  (
    await api<StaffAppointment[]>(server, 'GET', `/api/appointments?department=${department}&date=${DAY}`, {
      token: nurse.token,
    })
  ).body;

describe('check-in', () => {
  it('refuses outside the window (409) and changes nothing', async () => {
    const patient = await signedInUser(server, 'patient');
    const booking = (await book(patient.id, '10:00')).body.appointment;
    clock.set('09:29');
    const early = await checkIn(booking.id, patient.token);
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('outside_check_in_window');
    clock.set('10:16');
    const late = await checkIn(booking.id, patient.token);
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe('outside_check_in_window');
    const mine = await api<Ticket[]>(server, 'GET', '/api/tickets/mine', { token: patient.token });
    expect(mine.body.filter((ticket) => ticket.department === department)).toEqual([]);
  });

  it('gives a ticket placed by due time: walk-in 09:50, booked 10:00 (in at 09:45), walk-in 10:05', async () => {
    const [early, booked, late] = await Promise.all([1, 2, 3].map(() => signedInUser(server, 'patient')));
    if (!early || !booked || !late) throw new Error('patients');
    const booking = (await book(booked.id, '10:00')).body.appointment;
    clock.set('09:45');
    const checkedIn = await checkIn(booking.id, booked.token);
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body.ticket.appointmentAt).toBe(at('10:00'));
    expect(checkedIn.body.ticket.position).toBe(1);
    clock.set('09:50');
    const first = (await join(early.token)).body.ticket;
    expect(first.position).toBe(1);
    clock.set('10:05');
    const last = (await join(late.token)).body.ticket;
    expect(last.position).toBe(3);

    const list = await api<StaffTicket[]>(server, 'GET', `/api/queues/${department}/tickets`, {
      token: nurse.token,
    });
    expect(list.body.map((ticket) => [ticket.id, ticket.position])).toEqual([
      [first.id, 1],
      [checkedIn.body.ticket.id, 2],
      [last.id, 3],
    ]);
    const called: number[] = [];
    for (let i = 0; i < 3; i++) {
      const call = await api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${department}/call-next`, {
        token: nurse.token,
        body: { room: '1' },
      });
      called.push(call.body.ticket.id);
    }
    expect(called).toEqual([first.id, checkedIn.body.ticket.id, last.id]);
    expect((await dayList()).find((row) => row.id === booking.id)).toMatchObject({
      status: 'checked_in',
      ticketId: checkedIn.body.ticket.id,
    });
  });

  it("is only the booking's own patient's, and once", async () => {
    const [patient, other] = await Promise.all([
      signedInUser(server, 'patient'),
      signedInUser(server, 'patient'),
    ]);
    const booking = (await book(patient.id, '08:10')).body.appointment;
    expect((await checkIn(booking.id, other.token)).status).toBe(404);
    expect((await checkIn(booking.id, patient.token)).status).toBe(201);
    const again = await checkIn(booking.id, patient.token);
    expect(again.status).toBe(409);
  });
});

describe('bookings', () => {
  it('lists the day with patient names, the patient sees their own, and both may cancel', async () => {
    const patient = await signedInUser(server, 'patient', { name: 'Ada Lovelace' });
    const other = await signedInUser(server, 'patient');
    const labNurse = await signedInUser(server, 'nurse', { departments: ['LAB'] });
    const first = (await book(patient.id, '11:00')).body.appointment;
    const second = (await book(patient.id, '12:00')).body.appointment;
    expect(await dayList()).toEqual([
      expect.objectContaining({
        id: first.id,
        patientName: 'Ada Lovelace',
        status: 'booked',
        note: 'bring x-rays',
      }),
      expect.objectContaining({ id: second.id, at: at('12:00') }),
    ]);
    const mine = await api<Appointment[]>(server, 'GET', '/api/appointments/mine', { token: patient.token });
    expect(mine.body.map((row) => row.id)).toEqual([first.id, second.id]);
    expect(mine.body[0]).not.toHaveProperty('patientName');

    expect(
      (await api(server, 'DELETE', `/api/appointments/${first.id}`, { token: other.token })).status,
    ).toBe(404);
    const refused = await api<{ error: { code: string } }>(
      server,
      'DELETE',
      `/api/appointments/${first.id}`,
      {
        token: labNurse.token,
      },
    );
    expect(refused.body.error.code).toBe('not_assigned');
    const own = await api<{ appointment: Appointment }>(server, 'DELETE', `/api/appointments/${first.id}`, {
      token: patient.token,
    });
    expect(own.body.appointment.status).toBe('cancelled');
    const byNurse = await api<{ appointment: Appointment }>(
      server,
      'DELETE',
      `/api/appointments/${second.id}`,
      {
        token: nurse.token,
      },
    );
    expect(byNurse.body.appointment.status).toBe('cancelled');
    expect(
      (await api(server, 'DELETE', `/api/appointments/${second.id}`, { token: nurse.token })).status,
    ).toBe(409);
  });

  it('marks a booking not checked in 15 minutes after its time missed', async () => {
    const patient = await signedInUser(server, 'patient');
    const missed = (await book(patient.id, '09:00')).body.appointment;
    const later = (await book(patient.id, '09:30')).body.appointment;
    clock.set('09:16');
    server.missedAppointments.wake();
    await expect
      .poll(async () => (await dayList()).map((row) => [row.id, row.status]))
      .toEqual([
        [missed.id, 'missed'],
        [later.id, 'booked'],
      ]);
    expect((await checkIn(missed.id, patient.token)).status).toBe(409);
  });

  it('books only patients, in departments the nurse works in', async () => {
    const patient = await signedInUser(server, 'patient');
    const labNurse = await signedInUser(server, 'nurse', { departments: ['LAB'] });
    expect((await book(nurse.id, '10:00')).status).toBe(404);
    const refused = await book(patient.id, '10:00', labNurse.token);
    expect(refused.status).toBe(403);
    expect(await dayList()).toEqual([]);
  });

  it('finds patients by name or email for a nurse', async () => {
    const patient = await signedInUser(server, 'patient', { name: `Grace Hopper ${count}` });
    const found = await api<PatientMatch[]>(
      server,
      'GET',
      `/api/patients?department=${department}&q=${encodeURIComponent(`hopper ${count}`)}`,
      { token: nurse.token },
    );
    expect(found.body).toEqual([{ id: patient.id, name: `Grace Hopper ${count}`, email: patient.email }]);
  });
});

describe('CSV import', () => {
  it('previews every line with its error, books nothing until all lines read, then books them all', async () => {
    const ana = await signedInUser(server, 'patient', { name: 'Ana' });
    const bo = await signedInUser(server, 'patient', { name: 'Bo' });
    const csv = `time,patient,note\n09:00,${ana.email},first visit\n9h30,${bo.email},\n10:00,nobody@test.example,\n`;
    const preview = await api<ImportAnswer>(server, 'POST', '/api/appointments/import', {
      token: nurse.token,
      body: { department, date: DAY, csv, dryRun: true },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.rows.map((row) => [row.line, row.patientName, row.error?.code ?? null])).toEqual([
      [2, 'Ana', null],
      [3, 'Bo', 'bad_time'],
      [4, null, 'unknown_patient'],
    ]);
    const withErrors = await api<ImportAnswer>(server, 'POST', '/api/appointments/import', {
      token: nurse.token,
      body: { department, date: DAY, csv, dryRun: false },
    });
    expect(withErrors.body.created).toEqual([]);
    expect(await dayList()).toEqual([]);

    const fixed = `09:00,${ana.email},first visit\n09:30,${bo.id},\n`;
    const done = await api<ImportAnswer>(server, 'POST', '/api/appointments/import', {
      token: nurse.token,
      body: { department, date: DAY, csv: fixed, dryRun: false },
    });
    expect(done.body.created.map((row) => row.at)).toEqual([at('09:00'), at('09:30')]);
    expect((await dayList()).map((row) => [row.patientName, row.note])).toEqual([
      ['Ana', 'first visit'],
      ['Bo', null],
    ]);
  });
});

describe('live', () => {
  it("tells the department's staff each change of its bookings, and no other department's staff or patient", async () => {
    const admin = await signedInUser(server, 'admin');
    const other = `${department}X`;
    await api(server, 'POST', '/api/departments', {
      token: admin.token,
      body: { code: other, name: 'Other' },
    });
    const own = await signedInUser(server, 'nurse', { departments: [department] });
    const elsewhere = await signedInUser(server, 'nurse', { departments: [other] });
    const patient = await signedInUser(server, 'patient');
    const heard = { own: [] as string[], elsewhere: [] as string[], patient: [] as string[] };
    const listen = (list: string[]) => (socket: ClientSocket) =>
      socket.on('appointments:changed', (event) => list.push(event.department));
    const sockets = {
      own: await connectSocket(server, own.token, listen(heard.own)),
      elsewhere: await connectSocket(server, elsewhere.token, listen(heard.elsewhere)),
      patient: await connectSocket(server, patient.token, listen(heard.patient)),
    };
    try {
      const changed = () => nextEvent(sockets.own, 'appointments:changed');
      const steps: Array<[string, () => Promise<unknown>]> = [
        ['booked', () => book(patient.id, '10:00')],
        ['cancelled', async () => cancel((await dayList())[0]?.id ?? 0)],
        ['booked again', () => book(patient.id, '09:00')],
        [
          'checked in',
          async () => {
            clock.set('08:45');
            return checkIn((await dayList())[0]?.id ?? 0, patient.token);
          },
        ],
        ['imported', () => importCsv(`11:00,${patient.email},\n`)],
        ['booked to be missed', () => book(patient.id, '11:30')],
        [
          'missed',
          async () => {
            clock.set('11:46');
            server.missedAppointments.wake();
          },
        ],
      ];
      for (const [step, act] of steps) {
        const heardIt = changed();
        await act();
        expect(await heardIt, step).toEqual([{ department }]);
      }
      expect((await dayList()).map((row) => row.status)).toEqual([
        'checked_in',
        'cancelled',
        'missed',
        'missed',
      ]);
      // Markers: what each of the others hears next was sent after every change above.
      const marker = nextEvent(sockets.elsewhere, 'appointments:changed');
      await api(server, 'POST', '/api/appointments', {
        token: elsewhere.token,
        body: { department: other, patientId: patient.id, at: at('12:00') },
      });
      await marker;
      await api(server, 'POST', `/api/queues/${other}/open`, { token: elsewhere.token });
      const ownTicket = nextEvent(sockets.patient, 'ticket:updated');
      await api(server, 'POST', `/api/queues/${other}/tickets`, { token: patient.token });
      await ownTicket;
      expect(heard.elsewhere).toEqual([other]);
      expect(heard.patient).toEqual([]);
    } finally {
      for (const socket of Object.values(sockets)) socket.close();
    }
  });
});
