import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { NotificationType } from '../../../shared/notifications';
import { channelMessage } from '../../../tests/support/channel-message';
import { closedPort, startTestSmtpServer } from '../../../tests/support/smtp-server';
import type { TestSmtpOptions, TestSmtpServer } from '../../../tests/support/smtp-server';
import { queueOpenedText, ticketCalledText } from '../../notifications/content';
import type { Text } from '../../notifications/content';
import type { Locale } from '../../util/locale';
import type { Channel, ChannelMessage } from '../types';
import { createEmailChannel } from './transport';
import type { EmailChannelOptions } from './transport';

/**
 * The email channel against a real SMTP server in this process: what arrives (parts, language, subject,
 * headers, links), and what each kind of answer from the server comes to.
 */

const APP_URL = 'https://queue.hospital.example';
const UNSUBSCRIBE_URL = `${APP_URL}/api/email/unsubscribe?token=7.${'A'.repeat(43)}`;

let nextId = 1;
function messageFor(locale: Locale, type: NotificationType, text: Text): ChannelMessage {
  const id = nextId++;
  return channelMessage({
    id,
    type,
    locale,
    text,
    data: {},
    department: 'CARDIO',
    email: `patient${id}@example.org`,
    appUrl: APP_URL,
    unsubscribeUrl: UNSUBSCRIBE_URL,
  });
}
const called = (locale: Locale) =>
  messageFor(locale, 'ticket_called', ticketCalledText('CARDIO-007', '3')[locale]);

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

async function setUp(
  smtp: TestSmtpOptions = {},
  channel: Partial<EmailChannelOptions> = {},
): Promise<{ server: TestSmtpServer; email: Channel }> {
  const server = await startTestSmtpServer(smtp);
  const email = createEmailChannel({
    smtpUrl: server.url,
    from: 'Queuebell <no-reply@hospital.example>',
    ...channel,
  });
  opened.push(server.close, email.close);
  return { server, email };
}

const parsed = (server: TestSmtpServer): Promise<ParsedMail[]> =>
  Promise.all(server.messages.map((raw) => simpleParser(raw)));
/** A header as sent, unfolded (RFC 5322: a long header may go on over lines that begin with a space). */
const headerLine = (mail: ParsedMail, key: string) =>
  mail.headerLines.find((line) => line.key === key)?.line.replace(/\r\n(?=[ \t])/g, '');

describe('what an email says', () => {
  it('is multipart text and HTML in the patient language, with a generic subject and a link into the app', async () => {
    const { server, email } = await setUp();
    const texts = queueOpenedText('Cardiology');
    for (const locale of ['en', 'es', 'fr'] as const) {
      expect(await email.send(messageFor(locale, 'queue_opened', texts[locale]))).toEqual({ kind: 'sent' });
    }
    const [en, es, fr] = await parsed(server);
    expect([en?.subject, es?.subject, fr?.subject]).toEqual([
      'A queue you follow has opened',
      'Una cola que sigue ha abierto',
      'Une file que vous suivez est ouverte',
    ]);
    for (const [mail, locale] of [
      [en, 'en'],
      [es, 'es'],
      [fr, 'fr'],
    ] as const) {
      expect(mail?.subject).not.toMatch(/Cardio/i);
      expect(mail?.text).toContain(texts[locale].title);
      expect(mail?.text).toContain(texts[locale].body);
      expect(mail?.html).toContain(`<html lang="${locale}">`);
      expect(mail?.html).toContain(`href="${APP_URL}/"`);
      expect(mail?.text).toContain(`${APP_URL}/`);
    }
    expect(es?.text).toContain('La cola de Cardiology está abierta');
    expect(es?.html).toContain('Abrir Queuebell');
    expect(fr?.html).toContain('Vous pouvez la rejoindre dans l&#39;application.');
    expect(fr?.text).toContain('Ne plus recevoir ces e-mails');
  });

  it('carries the one-click unsubscribe headers, the footer link and a Message-ID per notification', async () => {
    const { server, email } = await setUp();
    const message = called('en');
    await email.send(message);
    await email.send(message);
    const [first, again] = await parsed(server);
    expect(headerLine(first!, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${UNSUBSCRIBE_URL}>`);
    expect(headerLine(first!, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(first?.messageId).toBe(`<notification-${message.notification.id}@queue.hospital.example>`);
    expect(again?.messageId).toBe(first?.messageId);
    expect(first?.to).toMatchObject({ text: message.recipient.email });
    expect(first?.text).toContain(`Stop these emails: ${UNSUBSCRIBE_URL}`);
    expect(first?.html).toContain(`href="${UNSUBSCRIBE_URL}"`);
  });

  it('names no ticket, room or department in the subject of a call, and escapes what staff typed', async () => {
    const { server, email } = await setUp();
    const sent = called('es');
    sent.notification.body = 'Diríjase a la sala <b>3</b> & "espere"';
    await email.send(sent);
    const [mail] = await parsed(server);
    expect(mail?.subject).toBe('Es su turno');
    expect(mail?.subject).not.toMatch(/CARDIO|007|3/);
    expect(mail?.html).toContain('Diríjase a la sala &lt;b&gt;3&lt;/b&gt; &amp; &quot;espere&quot;');
    expect(mail?.html).not.toContain('<b>3</b>');
  });
});

describe('what a send comes to', () => {
  it('is retry on a 421, and sent on the next try, with one message delivered', async () => {
    const { server, email } = await setUp({
      refuse: (stage, count) =>
        stage === 'rcpt' && count === 1 ? { code: 421, text: 'Try again later' } : undefined,
    });
    const message = called('en');
    const first = await email.send(message);
    expect(first).toMatchObject({ kind: 'retry' });
    expect(first.kind === 'retry' && first.error).toMatch(/^SMTP 421 .*Try again later/);
    expect(await email.send(message)).toEqual({ kind: 'sent' });
    expect(server.accepted()).toBe(1);
  });

  it('is retry on a 451 after DATA, then sent', async () => {
    const { server, email } = await setUp({
      refuse: (stage, count) =>
        stage === 'data' && count === 1 ? { code: 451, text: 'Local error' } : undefined,
    });
    expect(await email.send(called('en'))).toMatchObject({
      kind: 'retry',
      error: expect.stringMatching(/^SMTP 451/),
    });
    expect(await email.send(called('en'))).toEqual({ kind: 'sent' });
    expect(server.accepted()).toBe(1);
  });

  it('is failed on a 550, with no email address in the error staff see', async () => {
    const { server, email } = await setUp({
      refuse: (stage) =>
        stage === 'rcpt' ? { code: 550, text: 'No such user patient@example.org here' } : undefined,
    });
    const outcome = await email.send(called('en'));
    expect(outcome).toMatchObject({ kind: 'failed' });
    const error = outcome.kind === 'failed' ? outcome.error : '';
    expect(error).toMatch(/^SMTP 550 /);
    expect(error).not.toMatch(/@/);
    expect(error.length).toBeLessThanOrEqual(200);
    expect(server.accepted()).toBe(0);
  });

  it('is retry when the connection is refused', async () => {
    for (const pool of [true, false]) {
      const email = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, pool });
      opened.push(email.close);
      const outcome = await email.send(called('en'));
      expect(outcome).toMatchObject({ kind: 'retry' });
      expect(outcome.kind === 'retry' && outcome.error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    }
  });
});

describe('connections', () => {
  const sendFifty = (email: Channel) =>
    Promise.all(Array.from({ length: 50 }, (_, index) => email.send(called(index % 2 ? 'es' : 'fr'))));

  it('the pool sends 50 messages over at most maxConnections connections', async () => {
    const { server, email } = await setUp({ keep: false }, { maxConnections: 3 });
    const outcomes = await sendFifty(email);
    expect(outcomes.every((outcome) => outcome.kind === 'sent')).toBe(true);
    expect(server.accepted()).toBe(50);
    expect(server.connections()).toBeGreaterThanOrEqual(1);
    expect(server.connections()).toBeLessThanOrEqual(3);
  });

  it('without the pool, each message opens its own connection', async () => {
    const { server, email } = await setUp({ keep: false }, { pool: false });
    const outcomes = await sendFifty(email);
    expect(outcomes.every((outcome) => outcome.kind === 'sent')).toBe(true);
    expect(server.accepted()).toBe(50);
    expect(server.connections()).toBe(50);
  });
});
