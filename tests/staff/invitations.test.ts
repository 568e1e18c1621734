import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminSettings, CreatedStaff } from '../../shared/staff';
import { api, signedInUser, startTestServer, startTestServerOn } from '../support/server';
import type { TestServer } from '../support/server';
import { startTestSmtpServer } from '../support/smtp-server';
import type { TestSmtpServer } from '../support/smtp-server';

/**
 * `POST /api/staff` with `invite: true`: the generated password goes to the new account's email, on a
 * real SMTP server, instead of into the answer; the email is in the inviting admin's language and its
 * subject carries no secret. Without email configured, or when the mail server refuses, no account is made.
 */

let smtp: TestSmtpServer;
let server: TestServer;
let bare: TestServer;
beforeAll(async () => {
  // Refuses any message to a "bounce" address for good (5xx), so a failed invitation can be seen.
  smtp = await startTestSmtpServer({
    refuse: (stage, _count, recipient) =>
      stage === 'rcpt' && recipient.startsWith('bounce') ? { code: 550, text: 'No such mailbox' } : undefined,
  });
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://queuebell.hospital.example' });
  // A second process of the same hospital, without email (one database: the models are the process's).
  bare = await startTestServerOn(server.db);
});
afterAll(async () => {
  await bare?.close();
  await server?.stop();
  await smtp?.close();
});

const invite = (email: string, name = 'Nurse Invited') => ({
  email,
  name,
  role: 'nurse',
  departments: ['LAB'],
  invite: true,
});

describe('staff invitations by email', () => {
  it('says whether email is configured, so the admin page offers an invitation only then', async () => {
    for (const [target, configured] of [
      [server, true],
      [bare, false],
    ] as const) {
      const admin = await signedInUser(target, 'admin');
      const read = await api<AdminSettings>(target, 'GET', '/api/admin/settings', { token: admin.token });
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ emailConfigured: configured });
    }
  });

  it('emails the one-time password instead of answering it, in the admin’s language', async () => {
    const admin = await signedInUser(server, 'admin');
    await api(server, 'PATCH', '/api/me', { token: admin.token, body: { locale: 'es' } });
    const before = smtp.messages.length;
    const created = await api<CreatedStaff>(server, 'POST', '/api/staff', {
      token: admin.token,
      body: invite('invited.nurse@test.example', 'Lucía Invitada'),
    });
    expect(created.status).toBe(201);
    expect(created.body.password).toBeUndefined();
    expect(created.body).toMatchObject({ invited: true, staff: { email: 'invited.nurse@test.example' } });

    const mail = (await smtp.waitForMessages(before + 1))[before]!;
    expect(mail.to).toMatchObject({ text: 'invited.nurse@test.example' });
    expect(mail.subject).toBe('Su cuenta de personal de Queuebell');
    expect(mail.text).toContain('Hola, Lucía Invitada');
    expect(mail.text).toContain('https://queuebell.hospital.example/console/');
    const password = /Contraseña de un solo uso: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(password).toBeDefined();
    expect(mail.subject).not.toContain(password!);
    expect(mail.html).toContain(password!);

    // The emailed password is the account's: it signs in.
    const login = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'invited.nurse@test.example', password },
    });
    expect(login.status).toBe(200);

    // The admin log says it was an invitation, and holds no password.
    const log = await api<{ items: Array<{ action: string; details: unknown }> }>(
      server,
      'GET',
      '/api/admin/log',
      { token: admin.token },
    );
    const entry = log.body.items.find((item) => item.action === 'staff.created');
    expect(entry?.details).toMatchObject({ after: { email: 'invited.nurse@test.example', invited: true } });
    expect(JSON.stringify(log.body)).not.toContain(password!);
  });

  it('makes no account when the mail server refuses the invitation', async () => {
    const admin = await signedInUser(server, 'admin');
    const refused = await api(server, 'POST', '/api/staff', {
      token: admin.token,
      body: invite('bounce.nurse@test.example'),
    });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ error: { code: 'invitation_failed' } });
    const staff = await api<Array<{ email: string }>>(server, 'GET', '/api/staff', { token: admin.token });
    expect(staff.body.map((member) => member.email)).not.toContain('bounce.nurse@test.example');
  });

  it('refuses an invitation where no email is configured, or with a password of its own', async () => {
    const admin = await signedInUser(bare, 'admin');
    const refused = await api(bare, 'POST', '/api/staff', {
      token: admin.token,
      body: invite('no.mail@test.example'),
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'email_not_configured' } });
    const staff = await api<Array<{ email: string }>>(bare, 'GET', '/api/staff', { token: admin.token });
    expect(staff.body.map((member) => member.email)).not.toContain('no.mail@test.example');

    const both = await api(server, 'POST', '/api/staff', {
      token: (await signedInUser(server, 'admin')).token,
      body: { ...invite('both@test.example'), password: 'a password of mine' },
    });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({
      error: { code: 'validation_failed', details: [expect.objectContaining({ path: 'body.invite' })] },
    });
  });
});
