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

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '–';
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  return `${Math.floor(rounded / 60)} h ${String(rounded % 60).padStart(2, '0')} min`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string | null): string {
  return iso ? timeFormat.format(new Date(iso)) : '–';
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** 1 = Monday … 7 = Sunday, as the API numbers days. */
export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function formatDays(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.join() === '1,2,3,4,5') return 'Weekdays';
  if (sorted.length === 7) return 'Every day';
  return sorted.map((day) => DAY_NAMES[day - 1] ?? '?').join(', ');
}

/** Today in the computer's zone as YYYY-MM-DD, for the metrics date picker. */
export function localDateString(date = new Date()): string {
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 10);
}
