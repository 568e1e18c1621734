import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import type { SendInvitation, StaffInvitation } from '../../context';
import { defaultFrom } from './message';
import { INVITATION_WORDS } from './invitation-words';
import type { InvitationWords } from './invitation-words';

export interface InvitationSenderOptions {
  smtpUrl: string;
  /** The From header (MAIL_FROM); undefined, `defaultFrom` of the app address. */
  from: string | undefined;
  /** The server's public address (PUBLIC_URL, else where it listens): the console is at `/console/`. */
  appUrl(): string;
}

/**
 * Invitations go out one at a time, rarely (an admin creating an account), and the admin waits for the
 * answer: one connection per message, closed after it, with short time-outs instead of a pool kept open.
 */
export function createInvitationSender(options: InvitationSenderOptions): SendInvitation {
  return async (invitation) => {
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: false,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      const appUrl = options.appUrl();
      await transport.sendMail(buildInvitation(invitation, appUrl, options.from ?? defaultFrom(appUrl)));
    } finally {
      transport.close();
    }
  };
}

/**
 * The invitation as an email, in the staff member's language: a subject that says only what it is (a
 * subject shows in inbox lists and mail logs, so it never carries the password), and a body with the
 * console's address, the account's email and the one-time password.
 */
export function buildInvitation(invitation: StaffInvitation, appUrl: string, from: string): SendMailOptions {
  const words = INVITATION_WORDS[invitation.locale];
  const consoleUrl = `${appUrl.replace(/\/+$/, '')}/console/`;
  const lines = words.lines({ name: invitation.name, email: invitation.to });
  return {
    from,
    to: invitation.to,
    subject: words.subject,
    text: textOf(words, lines, consoleUrl, invitation.password),
    html: htmlOf(words, lines, consoleUrl, invitation.password, invitation.locale),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

function textOf(words: InvitationWords, lines: string[], consoleUrl: string, password: string): string {
  return [
    ...lines,
    '',
    `${words.consoleAt}: ${consoleUrl}`,
    `${words.password}: ${password}`,
    '',
    words.keep,
    '',
  ].join('\n');
}

function htmlOf(
  words: InvitationWords,
  lines: string[],
  consoleUrl: string,
  password: string,
  lang: string,
): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family: sans-serif; line-height: 1.5">',
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p>${escapeHtml(words.consoleAt)}: <a href="${escapeHtml(consoleUrl)}">${escapeHtml(consoleUrl)}</a></p>`,
    `<p>${escapeHtml(words.password)}: <code style="font-size: 1.2em">${escapeHtml(password)}</code></p>`,
    `<p>${escapeHtml(words.keep)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
