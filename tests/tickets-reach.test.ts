import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffTicket, Ticket } from '../shared/tickets';
import { ALL_DELIVERED, connectSocket, createPatients, outboxSettles } from './support/engine';
import type { Patient } from './support/engine';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';

/**
 * What staff see of each ticket's reach (`reachability`, `lastCall`), in the waiting list and in the
 * staff copy of `ticket:updated`: push while a recent subscription or a socket reaches the patient, else
 * SMS, else email, each only where the server can send it, else the waiting-room display.
 */

/** An SMTP server and an SMS gateway nobody listens on: configured, which is all reach asks of them. */
const CHANNELS = {
  SMTP_URL: 'smtp://127.0.0.1:1',
  SMS_WEBHOOK_URL: 'http://127.0.0.1:1/sms',
  SMS_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};

interface Choices {
  email?: boolean;
  sms?: boolean;
  phone?: string;
  push?: boolean;
  /** A push subscription at the receiver. */
  subscribed?: boolean;
}

let counter = 0;

/** One department per test, open, so each test's calls reach its own patients. */
async function openDepartment(server: TestServer, nurse: { token: string }): Promise<string> {
  counter += 1;
  const code = `R${counter}`;
  const admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code, name: `Reach ${code}` },
  });
  await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token });
  return code;
}

/** A patient with these choices; openings of other departments are not theirs to hear. */
async function patientWith(
  server: TestServer,
  receiver: PushReceiver | null,
  choices: Choices,
): Promise<Patient> {
  const [patient] = await createPatients(server, choices.subscribed ? receiver : null, 1);
  if (!patient) throw new Error('no patient');
  if (choices.phone)
    await api(server, 'PATCH', '/api/me', { token: patient.token, body: { phone: choices.phone } });
  const saved = await api(server, 'PUT', '/api/me/preferences', {
    token: patient.token,
    body: {
      departments: ['LAB'],
      push: choices.push ?? true,
      email: choices.email ?? true,
      sms: choices.sms ?? false,
      locale: 'en',
    },
  });
  if (saved.status !== 200) throw new Error(`preferences refused: ${JSON.stringify(saved.body)}`);
  return patient;
}

async function join(server: TestServer, patient: Patient, department: string): Promise<Ticket> {
  const joined = await api<{ ticket: Ticket }>(server, 'POST', `/api/queues/${department}/tickets`, {
    token: patient.token,
  });
  if (joined.status !== 201) throw new Error(`join refused: ${JSON.stringify(joined.body)}`);
  return joined.body.ticket;
}

async function listed(
  server: TestServer,
  nurse: { token: string },
  department: string,
): Promise<Map<number, StaffTicket>> {
  const list = await api<StaffTicket[]>(server, 'GET', `/api/queues/${department}/tickets`, {
    token: nurse.token,
  });
  expect(list.status).toBe(200);
  return new Map(list.body.map((ticket) => [ticket.id, ticket]));
}

describe('on a server with email and SMS', () => {
  let receiver: PushReceiver;
  let server: TestServer;
  let nurse: { token: string };
  let department = '';

  beforeAll(async () => {
    receiver = await startPushReceiver();
    server = await startTestServer({ PUSH_ALLOWED_ORIGINS: receiver.origin, ...CHANNELS });
    nurse = await signedInUser(server, 'nurse');
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });
  beforeEach(async () => {
    department = await openDepartment(server, nurse);
  });

  const reachOf = async (tickets: Ticket[]) => {
    const list = await listed(server, nurse, department);
    return tickets.map((ticket) => list.get(ticket.id)?.reachability);
  };

  /**
   * Sets when each of the patient's subscriptions last accepted a push. Directly in the database: the
   * delivery worker that records it is not part of this branch yet. After the outbox settles, so that no
   * push in flight records a newer one afterwards.
   */
  async function lastPushAccepted(patient: Patient, ago: string): Promise<void> {
    await outboxSettles(server, ALL_DELIVERED);
    await server.ctx.sequelize.query(
      `UPDATE push_subscriptions SET last_success_at = now() - :ago::interval WHERE user_id = :userId`,
      { replacements: { ago, userId: patient.id } },
    );
  }

  it('answers email for a patient without push who allows email, display when they allow nothing', async () => {
    const emailed = await patientWith(server, receiver, { email: true });
    const silent = await patientWith(server, receiver, { email: false });
    const tickets = [await join(server, emailed, department), await join(server, silent, department)];
    expect(await reachOf(tickets)).toEqual(['email', 'display']);
  });

  it('answers sms for a patient with SMS on and a phone, ahead of email', async () => {
    const texted = await patientWith(server, receiver, { sms: true, phone: '+34 612 34 56 78' });
    expect(await reachOf([await join(server, texted, department)])).toEqual(['sms']);
  });

  it('answers push for a subscription that accepted a push in the last 14 days, not for an older one', async () => {
    const fresh = await patientWith(server, receiver, { subscribed: true });
    const stale = await patientWith(server, receiver, { subscribed: true });
    const pushOff = await patientWith(server, receiver, { subscribed: true, push: false });
    const never = await patientWith(server, receiver, { subscribed: true, email: false });
    const tickets = [fresh, stale, pushOff, never].map((patient) => join(server, patient, department));
    const joined = await Promise.all(tickets);
    await lastPushAccepted(fresh, '13 days');
    await lastPushAccepted(stale, '15 days');
    await lastPushAccepted(pushOff, '1 hour');
    // `never`'s subscription has accepted nothing (its "almost your turn" push is undone here): it counts
    // for nothing.
    await server.ctx.sequelize.query(
      `UPDATE push_subscriptions SET last_success_at = NULL WHERE user_id = :userId`,
      {
        replacements: { userId: never.id },
      },
    );
    expect(await reachOf(joined)).toEqual(['push', 'email', 'email', 'display']);
  });

  it('answers push while a socket of the patient is connected, and no longer once it closes', async () => {
    const patient = await patientWith(server, receiver, { email: false });
    const ticket = await join(server, patient, department);
    expect(await reachOf([ticket])).toEqual(['display']);
    const socket = await connectSocket(server, patient.token);
    try {
      await expect.poll(() => reachOf([ticket])).toEqual(['push']);
    } finally {
      socket.close();
    }
    await expect.poll(() => reachOf([ticket])).toEqual(['display']);
  });

  it("gives the latest call's notification as lastCall, in the list and in the staff ticket:updated", async () => {
    const patient = await patientWith(server, receiver, {});
    const ticket = await join(server, patient, department);
    expect((await listed(server, nurse, department)).get(ticket.id)?.lastCall).toBeNull();

    const heard: StaffTicket[] = [];
    const socket = await connectSocket(server, nurse.token, (s) =>
      s.on('ticket:updated', (update) => {
        if ('lastCall' in update) heard.push(update);
      }),
    );
    try {
      await api(server, 'POST', `/api/queues/${department}/call-next`, {
        token: nurse.token,
        body: { room: '2' },
      });
      const [first] = await callNotifications(ticket.id);
      expect((await listed(server, nurse, department)).get(ticket.id)?.lastCall).toMatchObject({
        notificationId: first,
        deliveryStatus: expect.stringMatching(/^(pending|sent|delivered|failed)$/),
        channels: expect.any(Array),
      });
      await expect
        .poll(() => heard.find((update) => update.id === ticket.id)?.lastCall?.notificationId)
        .toBe(first);

      await api(server, 'POST', `/api/tickets/${ticket.id}/recall`, { token: nurse.token });
      const [, second] = await callNotifications(ticket.id);
      expect(second).toBeGreaterThan(first ?? Infinity);
      expect((await listed(server, nurse, department)).get(ticket.id)?.lastCall?.notificationId).toBe(second);
      await expect.poll(() => heard.at(-1)?.lastCall?.notificationId).toBe(second);
    } finally {
      socket.close();
    }
  });

  it("does not take a patient's call of an earlier ticket for the call of their new one", async () => {
    const patient = await patientWith(server, receiver, {});
    const earlier = await join(server, patient, department);
    await api(server, 'POST', `/api/queues/${department}/call-next`, {
      token: nurse.token,
      body: { room: '2' },
    });
    await api(server, 'POST', `/api/tickets/${earlier.id}/complete`, { token: nurse.token });
    const again = await join(server, patient, department);
    expect((await callNotifications(earlier.id)).length).toBe(1);
    expect((await listed(server, nurse, department)).get(again.id)?.lastCall).toBeNull();
  });

  /** The ids of the ticket's `ticket_called` notifications, oldest first. */
  async function callNotifications(ticketId: number): Promise<number[]> {
    const rows = await server.ctx.sequelize.query<{ id: string }>(
      `SELECT id FROM notifications WHERE type = 'ticket_called' AND data->>'ticketId' = :ticketId ORDER BY id`,
      { replacements: { ticketId: String(ticketId) }, type: QueryTypes.SELECT },
    );
    return rows.map((row) => Number(row.id));
  }
});

describe('on a server with neither email nor SMS', () => {
  let server: TestServer;
  let nurse: { token: string };

  beforeAll(async () => {
    server = await startTestServer();
    nurse = await signedInUser(server, 'nurse');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers display for a patient who allows email and SMS: the server cannot send either', async () => {
    const department = await openDepartment(server, nurse);
    const patient = await patientWith(server, null, { email: true, sms: true, phone: '+34 612 34 56 78' });
    const ticket = await join(server, patient, department);
    expect((await listed(server, nurse, department)).get(ticket.id)?.reachability).toBe('display');
  });
});
