import i18next from 'i18next';
import type { Notification } from '../../../../shared/notifications';

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * A notification's words in the patient's language, rebuilt from its type and data: the server stores
 * them in English. `departmentNames` maps codes to the names the queue list gives.
 */
export function notificationText(
  notification: Notification,
  departmentNames: ReadonlyMap<string, string>,
): { title: string; body: string } {
  const code = notification.department ?? text(notification.data.department);
  const values = {
    department: departmentNames.get(code) ?? code,
    ticket: text(notification.data.ticket),
    room: text(notification.data.room),
  };
  const key = `inbox.types.${notification.type}` as const;
  if (!i18next.exists(`${key}.title`)) return { title: notification.title, body: notification.body };
  return { title: i18next.t(`${key}.title`, values), body: i18next.t(`${key}.body`, values) };
}
