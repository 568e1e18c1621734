import { DateTime } from 'luxon';

/** A schedule as the planner needs it: local days (1 = Monday … 7 = Sunday) and HH:MM times. */
export interface ScheduleWindow {
  daysOfWeek: number[];
  startTime: string;
  endTime: string;
  autoOpen: boolean;
}

function minutes(time: string): number {
  const [hours, mins] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
}

/** A window that ends at or before it starts runs past midnight and ends the next morning. */
export function isOvernight(window: Pick<ScheduleWindow, 'startTime' | 'endTime'>): boolean {
  return minutes(window.endTime) <= minutes(window.startTime);
}

/**
 * The instant a local wall-clock time happens on a local date. Luxon resolves the rare times a DST change
 * skips (moved forward) or repeats (the first one), so 16:00 is 16:00 on the days the clocks change.
 */
function at(date: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return date.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}

interface Occurrence {
  start: DateTime;
  end: DateTime;
}

/** Every occurrence of the windows that starts on a local date from `from` - 1 day to `from` + `days`. */
function occurrences(windows: ScheduleWindow[], from: DateTime, days: number): Occurrence[] {
  const found: Occurrence[] = [];
  for (let offset = -1; offset <= days; offset++) {
    const date = from.startOf('day').plus({ days: offset });
    for (const window of windows) {
      if (!window.daysOfWeek.includes(date.weekday)) continue;
      const start = at(date, window.startTime);
      const end = at(isOvernight(window) ? date.plus({ days: 1 }) : date, window.endTime);
      found.push({ start, end });
    }
  }
  return found.sort((a, b) => a.end.toMillis() - b.end.toMillis());
}

/**
 * When an open queue closes by schedule: the first end of one of its department's windows after it
 * opened. With the manual override, not on the local day it was opened: the first end on a later day.
 * null when no active schedule ever ends.
 */
export function scheduledCloseAt(
  windows: ScheduleWindow[],
  openedAt: Date,
  manualOverride: boolean,
  timeZone: string,
): Date | null {
  if (windows.length === 0) return null;
  const opened = DateTime.fromJSDate(openedAt, { zone: timeZone });
  const next = occurrences(windows, opened, 8).find(
    (occurrence) =>
      occurrence.end > opened && (!manualOverride || occurrence.end.startOf('day') > opened.startOf('day')),
  );
  return next ? next.end.toJSDate() : null;
}

/** The next time an auto-opening window starts after `now`, with the end of that window. */
export function nextAutoOpen(windows: ScheduleWindow[], now: Date, timeZone: string): Occurrence | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const opening = windows.filter((window) => window.autoOpen);
  const upcoming = occurrences(opening, local, 8)
    .filter((occurrence) => occurrence.start > local)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  return upcoming[0] ?? null;
}

/** The auto-opening window `now` falls in, if any (to open at start-up what should already be open). */
export function currentAutoOpenWindow(
  windows: ScheduleWindow[],
  now: Date,
  timeZone: string,
): Occurrence | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const opening = windows.filter((window) => window.autoOpen);
  return (
    occurrences(opening, local, 1).find(
      (occurrence) => occurrence.start <= local && local < occurrence.end,
    ) ?? null
  );
}

/** Minute-of-week intervals of a window, for overlap checks; overnight windows and Sunday wrap around. */
function weekIntervals(window: ScheduleWindow): Array<[number, number]> {
  const WEEK = 7 * 1440;
  const length = ((minutes(window.endTime) - minutes(window.startTime) + 1440 - 1) % 1440) + 1;
  const intervals: Array<[number, number]> = [];
  for (const day of window.daysOfWeek) {
    const start = (day - 1) * 1440 + minutes(window.startTime);
    const end = start + length;
    if (end <= WEEK) intervals.push([start, end]);
    else intervals.push([start, WEEK], [0, end - WEEK]);
  }
  return intervals;
}

export function windowsOverlap(a: ScheduleWindow, b: ScheduleWindow): boolean {
  return weekIntervals(a).some(([aStart, aEnd]) =>
    weekIntervals(b).some(([bStart, bEnd]) => aStart < bEnd && bStart < aEnd),
  );
}
