import { textLocale } from '../../util/locale';
import type { ChannelMessage } from '../types';
import { fitsOneSms } from './gsm7';
import { SMS_WORDS } from './words';
import type { SmsWords } from './words';

export { isGsm7, smsLength } from './gsm7';

/**
 * The text message for a notification, in the recipient's language. Built from the ticket number and
 * room alone, never from the notification's title and body (those name the department). The first
 * wording that fits one SMS is taken; when none does, the shortest, whole: a longer text costs a second
 * part, a cut number or room would send the patient to the wrong place.
 */
export function buildSmsText(message: ChannelMessage): string {
  const words = SMS_WORDS[textLocale(message.recipient.locale)];
  const wordings = wordingsFor(message, words);
  return wordings.find(fitsOneSms) ?? wordings[wordings.length - 1] ?? words.generic;
}

function wordingsFor(message: ChannelMessage, words: SmsWords): string[] {
  const number = ticketNumber(message);
  switch (message.notification.type) {
    case 'ticket_called':
      return number === null ? [words.generic] : words.called(number, room(message));
    case 'almost_your_turn':
      return number === null ? [words.generic] : words.almost(number);
    case 'ticket_no_show':
      return number === null ? [words.generic] : [words.noShow(number)];
    case 'ticket_transferred': {
      const department = oneLine(message.notification.data['department']);
      return number === null || department === null ? [words.generic] : words.transferred(number, department);
    }
    case 'queue_opened':
      return [words.opened];
    case 'queue_closed':
      return [words.closed];
  }
}

/** The ticket in the notification's data (`{ticket, room, …}`). */
function ticketNumber(message: ChannelMessage): string | null {
  return oneLine(message.notification.data['ticket']);
}

function room(message: ChannelMessage): string | null {
  return oneLine(message.notification.data['room']);
}

/** A value from stored data as one line of text, or null when it is not a non-empty string. */
function oneLine(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const line = value.replace(/\s+/g, ' ').trim();
  return line === '' ? null : line;
}
