import type { SendMailOptions } from 'nodemailer';
import type { ChannelMessage } from '../types';
import { FRAME_WORDS, SUBJECTS } from './words';
import type { FrameWords } from './words';

/** What an email says: the notification's own words (already in the patient's language) and two links. */
interface Content {
  title: string;
  body: string;
  appLink: string;
  unsubscribeLink: string;
  words: FrameWords;
  lang: string;
}

/**
 * One notification as an email: a generic subject in the patient's language (see SUBJECTS), the
 * notification's title and body as text and HTML with a link into the app and a footer link that stops
 * these emails, the RFC 8058 one-click unsubscribe headers, and a Message-ID made from the notification
 * id, so that a resend after a crash is the same message to the receiving side.
 */
export function buildEmail(message: ChannelMessage, from: string): SendMailOptions {
  const { notification, recipient } = message;
  const content: Content = {
    title: notification.title,
    body: notification.body,
    appLink: `${message.appUrl.replace(/\/+$/, '')}/`,
    unsubscribeLink: message.unsubscribeUrl,
    words: FRAME_WORDS[recipient.locale],
    lang: recipient.locale,
  };
  return {
    from,
    to: recipient.email,
    subject: SUBJECTS[notification.type][recipient.locale],
    text: textOf(content),
    html: htmlOf(content),
    messageId: `<notification-${notification.id}@${new URL(message.appUrl).hostname}>`,
    list: { unsubscribe: message.unsubscribeUrl },
    headers: {
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // RFC 3834: written by a program, so vacation responders and the like do not answer it.
      'Auto-Submitted': 'auto-generated',
    },
  };
}

/** The sender when MAIL_FROM is not set: a no-reply address at the app's own host. */
export function defaultFrom(appUrl: string): string {
  return `Queuebell <no-reply@${new URL(appUrl).hostname}>`;
}

function textOf(content: Content): string {
  const { words } = content;
  return [
    content.title,
    '',
    content.body,
    '',
    `${words.openApp}: ${content.appLink}`,
    '',
    '-- ',
    words.why,
    `${words.stop}: ${content.unsubscribeLink}`,
    '',
  ].join('\n');
}

function htmlOf(content: Content): string {
  const { words } = content;
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(content.lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<h1 style="font-size: 1.25em">${escapeHtml(content.title)}</h1>`,
    `<p>${escapeHtml(content.body)}</p>`,
    `<p>${link(content.appLink, words.openApp)}</p>`,
    '<hr>',
    `<p style="font-size: 0.85em; color: #555">${escapeHtml(words.why)} ${link(content.unsubscribeLink, words.stop)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text and attribute values in HTML: a department name or room typed by staff is never markup. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
