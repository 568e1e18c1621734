import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { ParsedMail } from 'mailparser';
import type { Notification, NotificationPage } from '../shared/notifications';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { ALL_CHANNELS_DONE, outboxSettles } from './support/engine';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { startTestSmtpServer } from './support/smtp-server';
import type { SmtpRefusal, TestSmtpServer } from './support/smtp-server';

let receiver: PushReceiver;
let smtp: TestSmtpServer;
let server: TestServer;
let nurse: { token: string };
/** Refusals the test SMTP server gives, by recipient address: each code once, in order. */
const refusals = new Map<string, SmtpRefusal[]>();

beforeAll(async () => {
  receiver = await startPushReceiver();
  smtp = await startTestSmtpServer({
    refuse: (stage, _count, recipient) => (stage === 'rcpt' ? refusals.get(recipient)?.shift() : undefined),
  });
  server = await startTestServer({
    PUSH_ALLOWED_ORIGINS: receiver.origin,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Queuebell Test <queuebell@hospital.test>',
  });
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
  await receiver.close();
});

/** Each test has its own department, closed until the test opens it. */
let department = '';
let count = 0;
beforeEach(async () => {
  count += 1;
  department = `M${count}`;
  const admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code: department, name: `Mail ${count}` },
  });
});

/** A patient who follows only this test's department, in a language, with or without a working push. */
async function follower(options: { locale?: string; push?: boolean } = {}) {
  const patient = await signedInUser(server, 'patient', { name: 'Zelda Privatename' });
  if (options.push) {
    const saved = await api(server, 'POST', '/api/push/subscriptions', {
      token: patient.token,
      body: receiver.subscriptionFor(),
    });
    expect(saved.status).toBe(201);
  }
  const saved = await api(server, 'PUT', '/api/me/preferences', {
    token: patient.token,
    body: { departments: [department], push: true, email: true, sms: false, locale: options.locale ?? 'en' },
  });
  expect(saved.status).toBe(200);
  return patient;
}

async function openAndSettle(): Promise<void> {
  expect((await api(server, 'POST', `/api/queues/${department}/open`, { token: nurse.token })).status).toBe(
    200,
  );
  await outboxSettles(server, ALL_CHANNELS_DONE);
}

async function closeAndSettle(): Promise<void> {
  expect((await api(server, 'POST', `/api/queues/${department}/close`, { token: nurse.token })).status).toBe(
    200,
  );
  await outboxSettles(server, ALL_CHANNELS_DONE);
}

async function latest(token: string): Promise<Notification> {
  const page = await api<NotificationPage>(server, 'GET', '/api/notifications', { token });
  // Newest first.
  const item = page.body.items.find((notification) => notification.department === department);
  if (!item) throw new Error('no notification');
  return item;
}

/** A header as sent, folded lines joined. */
const headerLine = (mail: ParsedMail, key: string) =>
  mail.headerLines.find((line) => line.key === key)?.line.replace(/\r\n(?=[ \t])/g, '');

async function mailsTo(address: string): Promise<ParsedMail[]> {
  const all = await smtp.waitForMessages(smtp.messages.length);
  return all.filter((mail) => JSON.stringify(mail.to).includes(address));
}

describe('email beside push', () => {
  it('emails the opening, once and in Spanish, to a patient with no push subscription; one click unsubscribes', async () => {
    const patient = await follower({ locale: 'es' });
    await openAndSettle();
    const mails = await mailsTo(patient.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails as [ParsedMail];
    expect(mail.text).toContain(`Mail ${count}`);
    expect(mail.text).toMatch(/abierta/);
    expect(mail.html || '').toContain('</a>');
    expect(mail.subject).not.toContain(`Mail ${count}`);
    expect(mail.subject).not.toContain('Zelda');
    expect(headerLine(mail, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const notification = await latest(patient.token);
    expect(notification.deliveryStatus).toBe('sent');
    expect(notification.channels).toEqual([expect.objectContaining({ channel: 'email', status: 'sent' })]);

    // The mail client's one-click POST, with no sign-in: email goes off, and the next change is not emailed.
    const link = /<([^>]+)>/.exec(headerLine(mail, 'list-unsubscribe') ?? '')?.[1] ?? '';
    const url = new URL(link);
    const clicked = await fetch(`${server.url}${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(204);
    const preferences = await api<{ email: boolean }>(server, 'GET', '/api/me/preferences', {
      token: patient.token,
    });
    expect(preferences.body.email).toBe(false);
    await closeAndSettle();
    await openAndSettle();
    expect(await mailsTo(patient.email)).toHaveLength(1);
    // Nothing could reach the second opening: failed, not pending for ever.
    const reopened = await latest(patient.token);
    expect(reopened.id).not.toBe(notification.id);
    expect(reopened.deliveryStatus).toBe('failed');
  });

  it('does not email a patient whose push was accepted', async () => {
    const patient = await follower({ push: true });
    await openAndSettle();
    expect(await mailsTo(patient.email)).toHaveLength(0);
    const notification = await latest(patient.token);
    expect(notification.channels.map((channel) => channel.channel)).toEqual(['push']);
  });

  it('emails a patient whose only subscription is gone (410)', async () => {
    const patient = await follower({ push: true });
    const [subscription] = await server.ctx.sequelize.query<{ endpoint: string }>(
      `SELECT endpoint FROM push_subscriptions WHERE user_id = :id`,
      { replacements: { id: patient.id }, type: QueryTypes.SELECT },
    );
    receiver.setBehaviour(receiver.endpointIdOf(subscription?.endpoint ?? ''), { status: 410 });
    await openAndSettle();
    expect(await mailsTo(patient.email)).toHaveLength(1);
    const notification = await latest(patient.token);
    expect(notification.channels.map((channel) => [channel.channel, channel.status])).toEqual([
      ['push', 'failed'],
      ['email', 'sent'],
    ]);
  });

  // A 421 closes the connection, and nodemailer's pool then tries the message again itself on a new one
  // (the channel's own 421 handling is in server/channels/email/transport.test.ts); a 450 keeps it open
  // and comes back to the worker as a retry.
  it('retries a temporary SMTP refusal (450) and sends once; a permanent one (550) fails the channel', async () => {
    const retried = await follower();
    const refused = await follower();
    refusals.set(retried.email, [{ code: 450, text: 'Mailbox busy, try again later' }]);
    refusals.set(refused.email, [{ code: 550, text: 'No such mailbox' }]);
    await openAndSettle();
    expect(await mailsTo(retried.email)).toHaveLength(1);
    expect(await mailsTo(refused.email)).toHaveLength(0);
    const [rows] = [
      await server.ctx.sequelize.query<{
        email: string;
        status: string;
        attempts: number;
        last_error: string;
      }>(
        `SELECT u.email, c.status, c.attempts, c.last_error FROM notification_channels c
           JOIN notifications n ON n.id = c.notification_id JOIN users u ON u.id = n.user_id
          WHERE u.id IN (:ids)`,
        { replacements: { ids: [retried.id, refused.id] }, type: QueryTypes.SELECT },
      ),
    ];
    const byEmail = new Map(rows.map((row) => [row.email, row]));
    expect(byEmail.get(retried.email)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(byEmail.get(refused.email)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byEmail.get(refused.email)?.last_error).toMatch(/^SMTP 550/);
    expect(byEmail.get(refused.email)?.last_error).not.toContain(refused.email);
    expect((await latest(refused.token)).deliveryStatus).toBe('failed');
    expect((await latest(retried.token)).deliveryStatus).toBe('sent');
  });
});
