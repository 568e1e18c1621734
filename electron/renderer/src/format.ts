import i18next from 'i18next';
import { formatLocale } from './i18n';

/** How long a wait is worth a colour: amber from WARN, red (and a desktop alert) from ALERT minutes. */
export const WAIT_WARN_MINUTES = 20;
export const WAIT_ALERT_MINUTES = 40;

export type WaitLevel = 'ok' | 'warn' | 'alert';

export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

export function waitLevel(minutes: number): WaitLevel {
  if (minutes >= WAIT_ALERT_MINUTES) return 'alert';
  if (minutes >= WAIT_WARN_MINUTES) return 'warn';
  return 'ok';
}

/** No value yet (no median, no call time): a dash in every language. */
export const NO_VALUE = '–';

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return NO_VALUE;
  const rounded = Math.round(minutes);
  if (rounded < 60) return i18next.t('duration.minutes', { minutes: rounded });
  const rest = String(rounded % 60).padStart(2, '0');
  return i18next.t('duration.hours', { hours: Math.floor(rounded / 60), minutes: rest });
}

type DateStyle = 'time' | 'dateTime' | 'hour' | 'weekday';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  hour: { hour: 'numeric' },
  weekday: { weekday: 'short' },
};

// Intl formatters are costly to build and a waiting list formats every row: one per locale and style.
const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(style: DateStyle): Intl.DateTimeFormat {
  const locale = formatLocale();
  const key = `${locale}|${style}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, DATE_STYLES[style]);
    cache.set(key, format);
  }
  return format;
}

/** A time of day in the console's locale: 09:05 AM, 09:05. */
export function formatTime(iso: string | null): string {
  return iso ? dateFormat('time').format(new Date(iso)) : NO_VALUE;
}

export function formatDateTime(iso: string): string {
  return dateFormat('dateTime').format(new Date(iso));
}

/** An hour of the day (0–23) for a chart's axis, short enough for 16 of them: 9 AM, 9, 09 h. */
export function formatHour(hour: number): string {
  return dateFormat('hour').format(new Date(2026, 0, 5, hour));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(formatLocale()).format(value);
}

/** The short names of the days, Monday first (1 = Monday … 7 = Sunday, as the API numbers days). */
export function weekdayNames(): string[] {
  // 5 January 2026 is a Monday.
  return Array.from({ length: 7 }, (_, index) => dateFormat('weekday').format(new Date(2026, 0, 5 + index)));
}

export function formatDays(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.join() === '1,2,3,4,5') return i18next.t('schedules.weekdays');
  if (sorted.length === 7) return i18next.t('schedules.everyDay');
  const names = weekdayNames();
  return sorted.map((day) => names[day - 1] ?? '?').join(', ');
}

/** Today in the computer's zone as YYYY-MM-DD, for the metrics date picker. */
export function localDateString(date = new Date()): string {
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 10);
}
