import { describe, expect, it } from 'vitest';
import { currentAutoOpenWindow, nextAutoOpen, scheduledCloseAt, windowsOverlap } from './plan';
import type { ScheduleWindow } from './plan';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const dayShift: ScheduleWindow = {
  daysOfWeek: EVERY_DAY,
  startTime: '08:00',
  endTime: '16:00',
  autoOpen: true,
};

describe('scheduled close time', () => {
  it('closes at the end of the day window the queue opened in', () => {
    const close = scheduledCloseAt([dayShift], new Date('2026-11-30T09:15:00Z'), false, 'UTC');
    expect(close?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('closes at 16:00 local on the spring-forward and fall-back days', () => {
    // Europe/London: clocks go forward on 29 March 2026 (UTC+1 after) and back on 25 October 2026.
    expect(
      scheduledCloseAt([dayShift], new Date('2026-03-29T07:30:00Z'), false, 'Europe/London')?.toISOString(),
    ).toBe('2026-03-29T15:00:00.000Z');
    expect(
      scheduledCloseAt([dayShift], new Date('2026-10-25T08:30:00Z'), false, 'Europe/London')?.toISOString(),
    ).toBe('2026-10-25T16:00:00.000Z');
    // America/New_York: 8 March and 1 November 2026.
    expect(
      scheduledCloseAt(
        [dayShift],
        new Date('2026-03-08T13:00:00Z'),
        false,
        'America/New_York',
      )?.toISOString(),
    ).toBe('2026-03-08T20:00:00.000Z');
    expect(
      scheduledCloseAt(
        [dayShift],
        new Date('2026-11-01T13:00:00Z'),
        false,
        'America/New_York',
      )?.toISOString(),
    ).toBe('2026-11-01T21:00:00.000Z');
  });

  it('closes a night window on the next morning', () => {
    const night: ScheduleWindow = { daysOfWeek: [5], startTime: '22:00', endTime: '06:00', autoOpen: false };
    // Friday 27 November 2026, 23:00 → Saturday 06:00.
    expect(scheduledCloseAt([night], new Date('2026-11-27T23:00:00Z'), false, 'UTC')?.toISOString()).toBe(
      '2026-11-28T06:00:00.000Z',
    );
    // Opened in the small hours of Saturday, still in Friday's window.
    expect(scheduledCloseAt([night], new Date('2026-11-28T02:00:00Z'), false, 'UTC')?.toISOString()).toBe(
      '2026-11-28T06:00:00.000Z',
    );
  });

  it('with the manual override, skips the day it was opened', () => {
    const close = scheduledCloseAt([dayShift], new Date('2026-11-30T09:15:00Z'), true, 'UTC');
    expect(close?.toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it('takes the next working day when opened after hours, and nothing without schedules', () => {
    const weekdays: ScheduleWindow = { ...dayShift, daysOfWeek: [1, 2, 3, 4, 5] };
    // Friday 27 November 2026 at 17:00 → Monday 30 November 16:00.
    expect(scheduledCloseAt([weekdays], new Date('2026-11-27T17:00:00Z'), false, 'UTC')?.toISOString()).toBe(
      '2026-11-30T16:00:00.000Z',
    );
    expect(scheduledCloseAt([], new Date(), false, 'UTC')).toBeNull();
  });
});

describe('auto-open', () => {
  it('finds the next start, and the window running now', () => {
    const next = nextAutoOpen([dayShift], new Date('2026-11-30T17:00:00Z'), 'Europe/Madrid');
    expect(next?.start.toJSDate().toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(
      currentAutoOpenWindow([dayShift], new Date('2026-11-30T10:00:00Z'), 'UTC')
        ?.end.toJSDate()
        .toISOString(),
    ).toBe('2026-11-30T16:00:00.000Z');
    expect(currentAutoOpenWindow([dayShift], new Date('2026-11-30T17:00:00Z'), 'UTC')).toBeNull();
    expect(nextAutoOpen([{ ...dayShift, autoOpen: false }], new Date(), 'UTC')).toBeNull();
  });
});

describe('overlaps', () => {
  const window = (daysOfWeek: number[], startTime: string, endTime: string): ScheduleWindow => ({
    daysOfWeek,
    startTime,
    endTime,
    autoOpen: false,
  });
  it('detects shared minutes on a shared day, and none across different days or touching ends', () => {
    expect(windowsOverlap(window([1], '08:00', '12:00'), window([1], '11:00', '14:00'))).toBe(true);
    expect(windowsOverlap(window([1], '08:00', '12:00'), window([1], '12:00', '14:00'))).toBe(false);
    expect(windowsOverlap(window([1], '08:00', '12:00'), window([2], '08:00', '12:00'))).toBe(false);
  });
  it('sees a night window reach into the next morning, Sunday into Monday included', () => {
    expect(windowsOverlap(window([1], '22:00', '06:00'), window([2], '05:00', '09:00'))).toBe(true);
    expect(windowsOverlap(window([7], '22:00', '06:00'), window([1], '05:00', '09:00'))).toBe(true);
    expect(windowsOverlap(window([7], '22:00', '06:00'), window([1], '06:00', '09:00'))).toBe(false);
  });
});
