/** 24-hour HH:MM everywhere: one format reads the same to every visitor, whatever the display language. */
const formatter = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatTime(at: Date | number | string): string {
  return formatter.format(typeof at === 'string' ? new Date(at) : at);
}
