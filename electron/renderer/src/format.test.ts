import { describe, expect, it } from 'vitest';
import {
  WAIT_ALERT_MINUTES,
  WAIT_WARN_MINUTES,
  formatDays,
  formatMinutes,
  minutesSince,
  waitLevel,
} from './format';

describe('format', () => {
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
