import { EMPTY_DATA } from './state';
import type { PatientData } from './state';

/** Enough of the inbox to read offline; older pages load again from the server. */
const CACHED_NOTIFICATIONS = 50;
const PREFIX = 'queuebell.data.';

/** The last data seen by this user on this device, per user so a shared phone never mixes accounts. */
export function loadData(userId: number): PatientData {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFIX + userId) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return EMPTY_DATA;
    return { ...EMPTY_DATA, ...(parsed as Partial<PatientData>) };
  } catch {
    return EMPTY_DATA;
  }
}

export function saveData(userId: number, data: PatientData): void {
  const trimmed = data.notifications.length > CACHED_NOTIFICATIONS;
  // The contract's cursor is the id to page before (`?before=`), so the last kept id continues the list.
  const cached: PatientData = {
    ...data,
    notifications: data.notifications.slice(0, CACHED_NOTIFICATIONS),
    olderCursor: trimmed ? String(data.notifications[CACHED_NOTIFICATIONS - 1]?.id ?? '') : data.olderCursor,
  };
  try {
    localStorage.setItem(PREFIX + userId, JSON.stringify(cached));
  } catch {
    // Storage full or disabled (private mode): the app still works, only not offline.
  }
}

export function clearData(userId: number): void {
  localStorage.removeItem(PREFIX + userId);
}
