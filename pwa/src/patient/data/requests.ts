import type { Notification, NotificationPage } from '../../../../shared/notifications';
import type { Preferences, QueueStatus } from '../../../../shared/schemas';
import type { Ticket } from '../../../../shared/tickets';
import { apiRequest } from '../../api';

/** The patient's calls to the API, one function each, typed from shared/. */
export const getQueues = () => apiRequest<QueueStatus[]>('/api/queues');

export const getMyTickets = (token: string) => apiRequest<Ticket[]>('/api/tickets/mine', { token });

export const joinQueue = (token: string, department: string) =>
  apiRequest<{ ticket: Ticket }>(`/api/queues/${encodeURIComponent(department)}/tickets`, {
    method: 'POST',
    token,
  });

export const cancelTicket = (token: string, id: number) =>
  apiRequest<{ ticket: Ticket }>(`/api/tickets/${id}`, { method: 'DELETE', token });

export function getNotifications(token: string, before?: string | null): Promise<NotificationPage> {
  const query = new URLSearchParams({ limit: '20' });
  if (before) query.set('before', before);
  return apiRequest<NotificationPage>(`/api/notifications?${query}`, { token });
}

/** How many pages to walk back after a reconnect before giving the rest to "Show older". */
const MAX_CATCH_UP_PAGES = 5;

/**
 * The newest notifications down to the newest one already known, so that a long disconnection leaves
 * no gap between what arrived live before it and the first page after it.
 */
export async function getNotificationsSince(token: string, knownNewestId: number | null): Promise<NotificationPage> {
  const items: Notification[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
    const answer = await getNotifications(token, cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    const reachedKnown = knownNewestId !== null && answer.items.some((item) => item.id <= knownNewestId);
    if (!cursor || knownNewestId === null || reachedKnown) break;
  }
  return { items, nextCursor: cursor };
}

export const markRead = (token: string, id: number) =>
  apiRequest<void>(`/api/notifications/${id}/read`, { method: 'POST', token });

export const markAllRead = (token: string) =>
  apiRequest<void>('/api/notifications/read-all', { method: 'POST', token });

export const getPreferences = (token: string) => apiRequest<Preferences>('/api/me/preferences', { token });

export const putPreferences = (token: string, preferences: Preferences) =>
  apiRequest<Preferences>('/api/me/preferences', { method: 'PUT', token, body: preferences });
