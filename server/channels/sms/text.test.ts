import { describe, expect, it } from 'vitest';
import { channelMessage } from '../../../tests/support/channel-message';
import { NOTIFICATION_TYPES } from '../../../shared/notifications';
import { LOCALES } from '../../util/locale';
import { buildSmsText, isGsm7, smsLength } from './text';

// The longest a ticket number and a room can be: a 16-character department code and its count, and a
// room as the call-next body allows (32 characters).
const LONG_NUMBER = 'CARDIOLOGY_WEST-1234';
const LONG_ROOM = 'East wing, 2nd floor, suite 214B';
const PRIVATE = ['Maria', 'Garcia', 'Oncology', 'ONCO'];

function call(locale: (typeof LOCALES)[number], number = LONG_NUMBER, room: string | null = LONG_ROOM) {
  return buildSmsText(channelMessage({ locale, data: { ticket: number, room, ticketId: 7 } }));
}

describe('buildSmsText', () => {
  it('words a call as the contract shows it', () => {
    expect(buildSmsText(channelMessage())).toBe('Queuebell: your turn. Ticket OPD-004, go to room 3 now.');
  });

  it.each(LOCALES)('keeps a %s call in one GSM-7 SMS with a long ticket number and room', (locale) => {
    const text = call(locale);
    expect(isGsm7(text)).toBe(true);
    expect(smsLength(text)).toBeLessThanOrEqual(160);
    expect(text).toContain(LONG_NUMBER);
    expect(text).toContain(LONG_ROOM);
    expect(text).toMatch(/^Queuebell/);
  });

  it.each(LOCALES)('keeps every %s type in GSM-7 and free of names and departments', (locale) => {
    for (const type of NOTIFICATION_TYPES) {
      const text = buildSmsText(channelMessage({ locale, type }));
      expect(isGsm7(text), text).toBe(true);
      expect(smsLength(text), text).toBeLessThanOrEqual(160);
      for (const word of PRIVATE) expect(text).not.toContain(word);
    }
  });

  it('says "stay nearby" with the ticket number when the turn is close', () => {
    const data = { ticket: 'OPD-004', position: 2, ticketId: 7 };
    const en = buildSmsText(channelMessage({ type: 'almost_your_turn', data }));
    expect(en).toBe('Queuebell: almost your turn. Ticket OPD-004, please stay nearby.');
    const es = buildSmsText(channelMessage({ type: 'almost_your_turn', data, locale: 'es' }));
    expect(es).toContain('OPD-004');
    expect(es).toContain('permanezca cerca');
  });

  it('speaks Spanish and French, and English for a language it does not know', () => {
    expect(call('es', 'OPD-004', '3')).toBe('Queuebell: es su turno. Turno OPD-004, vaya ahora a la sala 3.');
    expect(call('fr', 'OPD-004', '3')).toBe(
      "Queuebell : c'est votre tour. Ticket OPD-004, rendez-vous en salle 3 maintenant.",
    );
    const german = channelMessage();
    // A stored locale the apps do not speak, as the worker might pass it on unchecked.
    german.recipient.locale = 'de' as 'en';
    expect(buildSmsText(german)).toBe(buildSmsText(channelMessage()));
  });

  it('words a call without a room', () => {
    const named = channelMessage({ data: { ticket: 'LAB-010', ticketId: 7 } });
    expect(buildSmsText(named)).toBe('Queuebell: your turn. Ticket LAB-010, please come now.');
  });

  it('shortens the fixed words, never the number or room, when a room is far too long', () => {
    const room =
      'Building C (old maternity wing), ground floor, second corridor on the left past the lifts, room 12B';
    expect(call('en', LONG_NUMBER, room)).toBe(`Your turn: ${LONG_NUMBER}, room ${room}.`);
    for (const locale of LOCALES) {
      const text = call(locale, LONG_NUMBER, room);
      expect(text).toContain(room);
      expect(text).toContain(LONG_NUMBER);
      expect(smsLength(text), text).toBeLessThanOrEqual(160);
    }
  });

  it('keeps to 70 characters when the room itself is outside GSM-7 (the text goes as UCS-2)', () => {
    const text = call('es', 'PED-002', 'Pediatría 2');
    expect(isGsm7(text)).toBe(false);
    expect(text).toBe('Su turno: PED-002, sala Pediatría 2.');
  });

  it('sends the shortest wording whole when even that is longer than one SMS', () => {
    const room = 'R'.repeat(170);
    expect(call('en', 'OPD-004', room)).toBe(`OPD-004: room ${room}`);
  });

  it('falls back to a short line when the data lacks the ticket number', () => {
    expect(buildSmsText(channelMessage({ data: {} }))).toBe(
      'Queuebell: you have a new message. Please open the app.',
    );
  });
});

describe('isGsm7 and smsLength', () => {
  it('knows the GSM 03.38 alphabet: é, è, à, ñ, ü and Ç are in it; á, í, ó, ú, ê and ç are not', () => {
    expect(isGsm7('é è à ù ì ò Ç Ñ ñ ü ¿ ¡ £ € [ ]')).toBe(true);
    for (const char of ['á', 'í', 'ó', 'ú', 'ê', 'ô', 'ç', '“', '😀']) expect(isGsm7(char), char).toBe(false);
  });

  it('counts extension characters as two septets', () => {
    expect(smsLength('room 3')).toBe(6);
    expect(smsLength('€5 [A]')).toBe(9);
    expect(smsLength('^{}\\~|')).toBe(12);
  });

  it('counts a text outside GSM-7 in UTF-16 units', () => {
    expect(smsLength('Diríjase')).toBe(8);
    expect(smsLength('😀')).toBe(2);
  });
});
