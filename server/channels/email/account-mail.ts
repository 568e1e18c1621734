import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type { AccountMail, PasswordResetMail } from '../../context';
import { textLocale } from '../../util/locale';
import type { ChannelOutcome } from '../types';
import { defaultFrom, escapeHtml } from './message';
import { outcomeOfError } from './outcome';
import { RESET_WORDS } from './reset-words';

export interface AccountMailOptions {
  smtpUrl: string;
  from?: string;
  /** The patient app's absolute address, for the link and the default From. */
  appUrl: () => string;
}

/** Attempts at one reset email: a mail server that is briefly away should not cost the patient their link. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 2000;

/**
 * Emails about the account itself (a password reset), sent at once rather than through the outbox: they
 * belong to no notification. One connection per message: they are rare.
 */
export function createAccountMail(options: AccountMailOptions): AccountMail {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async sendPasswordReset(mail) {
      const message = buildResetEmail(mail, options.appUrl(), options.from);
      let outcome: ChannelOutcome = { kind: 'failed', error: 'not tried' };
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        outcome = await send(transport, message);
        if (outcome.kind !== 'retry') break;
        if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
      if (outcome.kind !== 'sent') throw new Error(`password-reset email not sent: ${outcome.error}`);
    },
    async close() {
      transport.close();
    },
  };
}

async function send(transport: Transporter, message: SendMailOptions): Promise<ChannelOutcome> {
  try {
    await transport.sendMail(message);
    return { kind: 'sent' };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** The reset email: text and HTML in the patient's language, with the link to the app's reset page. */
export function buildResetEmail(mail: PasswordResetMail, appUrl: string, from?: string): SendMailOptions {
  const lang = textLocale(mail.locale);
  const words = RESET_WORDS[lang];
  const link = `${appUrl.replace(/\/+$/, '')}/reset?token=${encodeURIComponent(mail.token)}`;
  const text = [words.intro, '', `${words.action}: ${link}`, '', words.expiry, words.ignore, ''].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(words.intro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(words.action)}</a></p>`,
    `<p>${escapeHtml(words.expiry)} ${escapeHtml(words.ignore)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return {
    from: from ?? defaultFrom(appUrl),
    to: mail.to,
    subject: words.subject,
    text,
    html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
