import { afterAll, beforeAll, expect, it } from 'vitest';
import { createECDH, randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { AccountExport } from '../../shared/privacy';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { connectSocket } from '../support/engine';
import { findInEveryTable, registeredPatient, signIn } from './support';

/** Nothing listens here: pushes to it fail and retry, which is enough to keep a subscription. */
const PUSH_ORIGIN = 'https://127.0.0.1:9';
let server: TestServer;
let nurse: { token: string };
let admin: { token: string };
let department = '';
let count = 0;

beforeAll(async () => {
  server = await startTestServer({ PUSH_ALLOWED_ORIGINS: PUSH_ORIGIN });
  nurse = await signedInUser(server, 'nurse');
  admin = await signedInUser(server, 'admin');
});
afterAll(async () => {
  await server.stop();
});

/** A new open department for the test. */
async function openDepartment(): Promise<string> {
  count += 1;
  const code = `PRIV${count}`;
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code, name: `Privacy ${count}` },
  });
  const opened = await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token, body: {} });
  expect(opened.status).toBe(200);
  return code;
}

/** Joins with an Idempotency-Key, as a retrying phone would: the stored answer is the patient's too. */
async function join(token: string, code = department): Promise<number> {
  const joined = await api<{ ticket: { id: number } }>(server, 'POST', `/api/queues/${code}/tickets`, {
    token,
    headers: { 'Idempotency-Key': `join-${code}-${token.slice(0, 8)}` },
  });
  expect(joined.status).toBe(201);
  return joined.body.ticket.id;
}

/** The nurse calls the next patient, serves and finishes them; `replier` answers the call first. */
async function seeNext(replier?: { token: string }): Promise<void> {
  const called = await api<{ ticket: { id: number } }>(
    server,
    'POST',
    `/api/queues/${department}/call-next`,
    {
      token: nurse.token,
      body: { room: '4' },
    },
  );
  expect(called.status).toBe(200);
  const id = called.body.ticket.id;
  if (replier) {
    const body = { reply: 'on_my_way' };
    expect(
      (await api(server, 'POST', `/api/tickets/${id}/reply`, { token: replier.token, body })).status,
    ).toBe(204);
  }
  expect((await api(server, 'POST', `/api/tickets/${id}/serve`, { token: nurse.token })).status).toBe(200);
  expect((await api(server, 'POST', `/api/tickets/${id}/complete`, { token: nurse.token })).status).toBe(200);
}

function subscription(name: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `${PUSH_ORIGIN}/push/${name}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

it("exports everything about the patient as a download, and nothing of anyone else's", async () => {
  department = await openDepartment();
  const alice = await registeredPatient(server, { name: 'Alice Export' });
  const bob = await registeredPatient(server, { name: 'Bob Other' });
  await api(server, 'PATCH', '/api/me', { token: alice.token, body: { phone: '+34 612 34 56 78' } });
  await api(server, 'PUT', '/api/me/preferences', {
    token: alice.token,
    body: { departments: 'all', push: true, email: false, sms: true, locale: 'en' },
  });
  const sub = subscription(`alice-${Date.now()}`);
  expect(
    (await api(server, 'POST', '/api/push/subscriptions', { token: alice.token, body: sub })).status,
  ).toBe(201);
  const aliceTicket = await join(alice.token);
  const bobTicket = await join(bob.token);
  await seeNext(alice); // Alice's ticket: called (a notification), answered, served, done.
  const tomorrow = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
  const book = (patientId: number, note: string) =>
    api<{ appointment: { id: number } }>(server, 'POST', '/api/appointments', {
      token: nurse.token,
      body: { department, patientId, at: tomorrow, note },
    });
  const booked = await book(alice.id, 'bring the referral letter');
  expect(booked.status).toBe(201);
  expect((await book(bob.id, 'fasting since midnight')).status).toBe(201);

  const answer = await api<AccountExport>(server, 'GET', '/api/me/export', { token: alice.token });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-disposition')).toMatch(
    /^attachment; filename="queuebell-export-.*\.json"$/,
  );
  const data = answer.body;
  expect(data.user).toMatchObject({
    id: alice.id,
    email: alice.email,
    name: 'Alice Export',
    phone: '+34612345678',
  });
  expect(data.preferences).toMatchObject({ email: false, sms: true, push: true });
  expect(data.pushSubscriptions.map((s) => s.endpoint)).toEqual([sub.endpoint]);
  expect(data.tickets.map((ticket) => ticket.id)).toEqual([aliceTicket]);
  expect(data.tickets[0]?.events.map((event) => event.kind)).toEqual(
    expect.arrayContaining(['joined', 'called', 'reply', 'serve', 'complete']),
  );
  expect(data.tickets[0]?.events.find((event) => event.kind === 'reply')?.reply).toBe('on_my_way');
  expect(data.notifications.map((n) => n.type)).toContain('ticket_called');
  for (const notification of data.notifications) {
    expect(notification.delivery).toHaveProperty('pushStatus');
    expect(notification.delivery.followUps).toEqual(expect.any(Array));
  }
  expect(data.sessions.filter((session) => session.current)).toHaveLength(1);
  expect(data.appointments).toEqual([
    expect.objectContaining({
      id: booked.body.appointment.id,
      department,
      note: 'bring the referral letter',
    }),
  ]);

  // Nobody else's data: Bob's ticket, name and notifications are not in it.
  const text = JSON.stringify(data);
  expect(text).not.toContain('Bob Other');
  expect(text).not.toContain('fasting since midnight');
  expect(text).not.toContain(bob.email);
  expect(data.tickets.map((ticket) => ticket.id)).not.toContain(bobTicket);
  const [bobsRows] = await server.ctx.sequelize.query<{ ids: number[] }>(
    `SELECT coalesce(array_agg(id), '{}') AS ids FROM notifications WHERE user_id = :id`,
    { replacements: { id: bob.id }, type: QueryTypes.SELECT },
  );
  for (const id of bobsRows?.ids ?? []) expect(data.notifications.map((n) => n.id)).not.toContain(Number(id));
  // And staff have no export of their own.
  expect((await api(server, 'GET', '/api/me/export', { token: nurse.token })).status).toBe(403);
});

it('deletes the account: sign-in fails, the socket is cut, no table holds the person, the day adds up, the email is free', async () => {
  department = await openDepartment();
  // A distinctive id, so that finding it anywhere in the database means something.
  await server.ctx.sequelize.query(`SELECT setval('users_id_seq', 987654320)`);
  const email = `dora-${Date.now()}@delete.example`;
  const dora = await registeredPatient(server, { email, name: 'Dora Deleteme' });
  expect(dora.id).toBe(987654321);
  await api(server, 'PATCH', '/api/me', { token: dora.token, body: { phone: '+34 699 12 34 56' } });
  const sub = subscription(`dora-${Date.now()}`);
  expect(
    (await api(server, 'POST', '/api/push/subscriptions', { token: dora.token, body: sub })).status,
  ).toBe(201);
  const other = await registeredPatient(server, { name: 'Otto Stays' });
  await join(dora.token);
  await seeNext(); // done, with a call notification
  await join(other.token);
  const elsewhere = department;
  department = await openDepartment();
  const waiting = await join(dora.token); // waiting elsewhere: given up when she leaves
  department = elsewhere;
  const failed = await api(server, 'POST', '/api/auth/login', {
    body: { email, password: 'wrong password' },
  });
  expect(failed.status).toBe(401); // a failed sign-in, kept by email
  await api(server, 'POST', '/api/auth/password-reset', { body: { email } });

  const metricsBefore = await api(server, 'GET', `/api/queues/${department}/metrics`, { token: nurse.token });
  const statsBefore = await api(server, 'GET', '/api/notifications/stats', { token: nurse.token });
  const second = await signIn(server, email, dora.password);
  const socket = await connectSocket(server, second);
  const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));

  const wrong = await api<{ error: { code: string } }>(server, 'DELETE', '/api/me', {
    token: dora.token,
    body: { password: 'not the password' },
  });
  expect([wrong.status, wrong.body.error.code]).toEqual([403, 'wrong_password']);
  expect(
    (await api(server, 'DELETE', '/api/me', { token: dora.token, body: { password: dora.password } })).status,
  ).toBe(204);

  expect(await cut).toBe('io server disconnect');
  expect((await api(server, 'GET', '/api/me', { token: second })).status).toBe(401);

  const hits = await findInEveryTable(server.ctx.sequelize, [
    String(dora.id),
    email,
    '+34699123456',
    'Dora Deleteme',
    sub.endpoint,
  ]);
  expect(hits).toEqual([]);
  // (Signing in is tried after the search: a failed sign-in is kept, by email, for the login limit.)
  const login = await api(server, 'POST', '/api/auth/login', { body: { email, password: dora.password } });
  expect(login.status).toBe(401);

  // Her tickets and notifications are still counted, linked to nobody; the waiting one was given up.
  const metricsAfter = await api<{ joined: number }>(server, 'GET', `/api/queues/${department}/metrics`, {
    token: nurse.token,
  });
  expect(metricsAfter.body).toEqual(metricsBefore.body);
  const statsAfter = await api<{ total: number }>(server, 'GET', '/api/notifications/stats', {
    token: nurse.token,
  });
  expect(statsAfter.body.total).toBe((statsBefore.body as { total: number }).total);
  const [kept] = await server.ctx.sequelize.query<{ tickets: number }>(
    `SELECT count(*)::int AS tickets FROM tickets t JOIN departments d ON d.id = t.department_id
      WHERE d.code = :department AND t.user_id IS NULL`,
    { replacements: { department }, type: QueryTypes.SELECT },
  );
  expect(kept?.tickets).toBe(1);
  const [given] = await server.ctx.sequelize.query<{ status: string; user_id: number | null }>(
    `SELECT status, user_id FROM tickets WHERE id = :waiting`,
    { replacements: { waiting }, type: QueryTypes.SELECT },
  );
  expect(given).toEqual({ status: 'cancelled', user_id: null });
  // Otto is untouched and still waiting.
  expect((await api(server, 'GET', '/api/me', { token: other.token })).status).toBe(200);

  const again = await api(server, 'POST', '/api/auth/register', {
    body: { email, password: 'fresh start 123', name: 'Dora Again' },
  });
  expect(again.status).toBe(201);
});
