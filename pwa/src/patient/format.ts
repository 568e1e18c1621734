import i18next from 'i18next';

/**
 * Times in the patient's language, in the locale's own short form: 12 or 24 hours, and the hour padded
 * where the locale pads it (French writes 09:15, not 9:15).
 */
export function formatTime(iso: string | Date): string {
  return new Intl.DateTimeFormat(i18next.language, { timeStyle: 'short' }).format(new Date(iso));
}

/** Today's times alone; older ones with their date, so the inbox reads naturally. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return formatTime(date);
  return new Intl.DateTimeFormat(i18next.language, {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}

/** A list ("A, B and C") in the patient's language. */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(i18next.language, { style: 'long', type: 'conjunction' }).format(items);
}
