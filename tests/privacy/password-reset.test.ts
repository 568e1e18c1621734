import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { QueryTypes } from 'sequelize';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { startTestSmtpServer } from '../support/smtp-server';
import type { TestSmtpServer } from '../support/smtp-server';
import { connectSocket } from '../support/engine';
import { median, movableClock, registeredPatient, resetTokenIn, signIn } from './support';

const PUBLIC_URL = 'https://queuebell.hospital.test';
const clock = movableClock();
let smtp: TestSmtpServer;
let server: TestServer;
/** Messages the SMTP server has taken so far, across the tests of this file. */
let received = 0;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  server = await startTestServer(
    { SMTP_URL: smtp.url, MAIL_FROM: 'Queuebell <queuebell@hospital.test>', PUBLIC_URL },
    { clock },
  );
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
});

/** The next `count` messages to reach the SMTP server. */
async function nextMails(count: number) {
  const all = await smtp.waitForMessages(received + count);
  received += count;
  return all.slice(-count);
}

const askReset = (email: string) =>
  api<{ message: string }>(server, 'POST', '/api/auth/password-reset', { body: { email } });

async function timed(email: string): Promise<{ ms: number; status: number; body: unknown }> {
  const started = performance.now();
  const answer = await askReset(email);
  return { ms: performance.now() - started, status: answer.status, body: answer.body };
}

it('answers a known and an unknown email alike, and only the known one gets an email, in its language', async () => {
  const patient = await registeredPatient(server, { locale: 'es-MX', name: 'Zelda Privatename' });
  // A first request of each kind, not timed: the first use of a code path (and of the mail server) is slower.
  const warm = await registeredPatient(server);
  await askReset(warm.email);
  await askReset(`nobody-warm-${Date.now()}@test.example`);
  const known: Array<{ ms: number; status: number; body: unknown }> = [];
  const unknown: typeof known = [];
  for (let i = 0; i < 4; i += 1) {
    known.push(await timed(patient.email));
    unknown.push(await timed(`nobody-${i}-${Date.now()}@test.example`));
  }
  expect(new Set([...known, ...unknown].map((answer) => answer.status))).toEqual(new Set([202]));
  expect(new Set([...known, ...unknown].map((answer) => JSON.stringify(answer.body))).size).toBe(1);
  // Generous (the machine is shared): the answer must not wait for the account look-up or the mail server.
  expect(Math.abs(median(known.map((t) => t.ms)) - median(unknown.map((t) => t.ms)))).toBeLessThan(400);

  const addressee = (mail: ParsedMail) => (mail.to && 'text' in mail.to ? mail.to.text : '');
  const mails = (await nextMails(5)).filter((mail) => addressee(mail).includes(patient.email));
  expect(mails).toHaveLength(4);
  for (const mail of mails) {
    expect(mail.subject).toBe('Restablezca su contraseña de Queuebell');
    expect(mail.text).toContain(`${PUBLIC_URL}/reset?token=`);
    expect(mail.html).toContain('lang="es"');
    // Nothing about the person or their care: no name in the subject or the message.
    expect(`${mail.subject} ${mail.text}`).not.toContain('Zelda');
  }
  // Only hashes are kept.
  const stored = await server.ctx.sequelize.query<{ token_hash: string }>(
    `SELECT token_hash FROM password_resets WHERE user_id = :id`,
    { replacements: { id: patient.id }, type: QueryTypes.SELECT },
  );
  expect(stored).toHaveLength(4);
  for (const mail of mails) expect(stored.map((row) => row.token_hash)).not.toContain(resetTokenIn(mail));
});

it('resets once through the emailed link, then refuses the link; every old session and socket ends', async () => {
  const patient = await registeredPatient(server);
  const other = await signIn(server, patient.email, patient.password);
  const socket = await connectSocket(server, other);
  const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  expect((await askReset(patient.email)).status).toBe(202);
  const [mail] = await nextMails(1);
  if (!mail) throw new Error('no mail');
  const token = resetTokenIn(mail);

  const confirm = (password: string) =>
    api<{ error?: { code: string } }>(server, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, password },
    });
  expect((await confirm('a brand new password')).status).toBe(204);
  expect(await cut).toBe('io server disconnect');
  expect((await api(server, 'GET', '/api/me', { token: patient.token })).status).toBe(401);
  expect((await api(server, 'GET', '/api/me', { token: other })).status).toBe(401);
  const oldLogin = await api(server, 'POST', '/api/auth/login', {
    body: { email: patient.email, password: patient.password },
  });
  expect(oldLogin.status).toBe(401);
  await signIn(server, patient.email, 'a brand new password');

  const again = await confirm('yet another password');
  expect([again.status, again.body.error?.code]).toEqual([400, 'invalid_token']);
  await signIn(server, patient.email, 'a brand new password');
});

it('refuses a token past its 30 minutes', async () => {
  const patient = await registeredPatient(server);
  await askReset(patient.email);
  const [mail] = await nextMails(1);
  if (!mail) throw new Error('no mail');
  clock.move(31 * 60_000);
  try {
    const late = await api<{ error: { code: string } }>(server, 'POST', '/api/auth/password-reset/confirm', {
      body: { token: resetTokenIn(mail), password: 'too late password' },
    });
    expect([late.status, late.body.error.code]).toEqual([400, 'invalid_token']);
  } finally {
    clock.reset();
  }
  await signIn(server, patient.email, patient.password);
});

it('sends staff nothing (they use the admin reset), with the same answer', async () => {
  const nurse = await signedInUser(server, 'nurse');
  const patient = await registeredPatient(server);
  const staffAnswer = await askReset(nurse.email);
  const patientAnswer = await askReset(patient.email);
  expect([staffAnswer.status, staffAnswer.body]).toEqual([patientAnswer.status, patientAnswer.body]);
  // The staff request was handled first; the next mail is the patient's, and the nurse has no token.
  const [mail] = await nextMails(1);
  expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain(patient.email);
  const [row] = await server.ctx.sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM password_resets WHERE user_id = :id`,
    { replacements: { id: nurse.id }, type: QueryTypes.SELECT },
  );
  expect(row?.count).toBe(0);
});

it('answers 429 after five resets an hour for one email, known or not', async () => {
  const email = `limited-${Date.now()}@test.example`;
  for (let i = 0; i < 5; i += 1) expect((await askReset(email)).status).toBe(202);
  const sixth = await api<{ error: { code: string } }>(server, 'POST', '/api/auth/password-reset', {
    body: { email: email.toUpperCase() },
  });
  expect([sixth.status, sixth.body.error.code]).toEqual([429, 'rate_limited']);
  expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  // Another email is not held up by it.
  expect((await askReset(`other-${email}`)).status).toBe(202);
});

it('changes the password from the settings: the other sessions and their sockets end, this one stays', async () => {
  const patient = await registeredPatient(server);
  const other = await signIn(server, patient.email, patient.password);
  const kept = await connectSocket(server, patient.token);
  const otherSocket = await connectSocket(server, other);
  const cut = new Promise<string>((resolve) => otherSocket.once('disconnect', resolve));
  const change = (currentPassword: string) =>
    api<{ error?: { code: string } }>(server, 'POST', '/api/me/password', {
      token: patient.token,
      body: { currentPassword, newPassword: 'my second password' },
    });
  const wrong = await change('not my password');
  expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'wrong_password']);
  expect((await api(server, 'GET', '/api/me', { token: other })).status).toBe(200);

  expect((await change(patient.password)).status).toBe(204);
  expect((await api(server, 'GET', '/api/me', { token: patient.token })).status).toBe(200);
  expect((await api(server, 'GET', '/api/me', { token: other })).status).toBe(401);
  expect(await cut).toBe('io server disconnect');
  // This device's socket still answers.
  expect(await kept.timeout(10_000).emitWithAck('queue:subscribe', ['OPD'])).toMatchObject({ ok: true });
  kept.close();
  await signIn(server, patient.email, 'my second password');
});

it('answers bad bodies with 400 and changes nothing', async () => {
  const patient = await registeredPatient(server);
  const cases: Array<[string, string, unknown, string | undefined]> = [
    ['POST', '/api/auth/password-reset', { email: 'not an email' }, undefined],
    ['POST', '/api/auth/password-reset', { email: patient.email, extra: 1 }, undefined],
    ['POST', '/api/auth/password-reset/confirm', { token: 'x', password: 'short' }, undefined],
    ['POST', '/api/auth/password-reset/confirm', { token: '', password: 'long enough pw' }, undefined],
    ['POST', '/api/me/password', { currentPassword: patient.password }, patient.token],
    ['POST', '/api/me/password', { currentPassword: patient.password, newPassword: 'short' }, patient.token],
    ['DELETE', '/api/me', {}, patient.token],
    ['DELETE', '/api/me', { password: 7 }, patient.token],
  ];
  for (const [method, path, body, token] of cases) {
    const answer = await api<{ error: { code: string } }>(server, method, path, { body, token });
    expect([path, answer.status, answer.body.error.code]).toEqual([path, 400, 'validation_failed']);
  }
  await signIn(server, patient.email, patient.password);
  const [row] = await server.ctx.sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM password_reset_requests WHERE created_at > now() - interval '1 minute'
        AND email_hash = encode(sha256(convert_to(:key, 'UTF8')), 'hex')`,
    { replacements: { key: `password-reset:${patient.email}` }, type: QueryTypes.SELECT },
  );
  expect(row?.count).toBe(0);
});
