import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  WAIT_ALERT_MINUTES,
  WAIT_WARN_MINUTES,
  formatDateTime,
  formatDays,
  formatHour,
  formatMinutes,
  formatNumber,
  formatTime,
  minutesSince,
  waitLevel,
} from './format';
import { speak } from './i18n/testing';

// A local time, so the expectations hold in any time zone.
const nineOFive = new Date(2026, 10, 28, 9, 5).toISOString();

describe('format', () => {
  beforeEach(() => speak('en'));

  it('colours waits past the thresholds', () => {
    expect(waitLevel(WAIT_WARN_MINUTES - 1)).toBe('ok');
    expect(waitLevel(WAIT_WARN_MINUTES)).toBe('warn');
    expect(waitLevel(WAIT_ALERT_MINUTES)).toBe('alert');
  });

  it('counts whole minutes waited, never negative (a clock a little behind the server)', () => {
    const joined = '2026-11-28T09:00:00.000Z';
    expect(minutesSince(joined, Date.parse('2026-11-28T09:41:59.000Z'))).toBe(41);
    expect(minutesSince(joined, Date.parse('2026-11-28T08:59:00.000Z'))).toBe(0);
  });

  it('words durations and days for the nurse', () => {
    expect(formatMinutes(null)).toBe('–');
    expect(formatMinutes(7.4)).toBe('7 min');
    expect(formatMinutes(125)).toBe('2 h 05 min');
    expect(formatDays([5, 4, 3, 2, 1])).toBe('Weekdays');
    expect(formatDays([1, 2, 3, 4, 5, 6, 7])).toBe('Every day');
    expect(formatDays([6, 1])).toBe('Mon, Sat');
  });
});

describe('format in the console’s language', () => {
  it.each([
    ['en', '09:05 AM', '9 AM', 'Nov 28, 2026, 9:05 AM', '1,234,567.5', 'Mon, Sat', 'Weekdays'],
    ['es', '09:05', '9', '28 nov 2026, 9:05', '1.234.567,5', 'lun, sáb', 'De lunes a viernes'],
    ['fr', '09:05', '09 h', '28 nov. 2026, 09:05', '1 234 567,5', 'lun., sam.', 'En semaine'],
  ] as const)(
    '%s: times, dates, hours, numbers and days',
    async (language, time, hour, dateTime, number, days, weekdays) => {
      await speak(language);
      expect(i18next.language).toBe(language);
      expect(formatTime(nineOFive)).toBe(time);
      expect(formatHour(9)).toBe(hour);
      expect(formatDateTime(nineOFive)).toBe(dateTime);
      // French groups digits with a narrow no-break space.
      expect(formatNumber(1_234_567.5).replace(/\u202f/g, ' ')).toBe(number);
      expect(formatDays([6, 1])).toBe(days);
      expect(formatDays([1, 2, 3, 4, 5])).toBe(weekdays);
      expect(formatMinutes(125)).toBe('2 h 05 min');
    },
  );

  it('writes counts inside sentences in the locale, with the right plural', async () => {
    await speak('es');
    expect(i18next.t('shell.opened', { name: 'Cardiología', count: 12_500 })).toBe(
      'La cola de Cardiología está abierta: se ha avisado a 12.500 pacientes.',
    );
    expect(i18next.t('toggle.stillWaiting', { count: 1 })).toBe('1 paciente sigue esperando.');
    await speak('fr');
    // French says "one" for 0 and 1, and "many" for a million.
    expect(i18next.t('delivery.queued', { count: 0 })).toBe('0 notification sera renvoyée.');
    expect(i18next.t('delivery.queued', { count: 1_000_000 }).replace(/\u202f/g, ' ')).toBe(
      '1 000 000 notifications seront renvoyées.',
    );
    await speak('en');
    expect(i18next.t('board.waiting', { count: 1_250 })).toBe('1,250 waiting');
  });
});
