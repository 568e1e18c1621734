import type { Notification, NotificationPage } from '../../../../shared/notifications';
import type { Preferences } from '../../../../shared/schemas';
import { sameOriginApi } from '../../../../shared/api-client';

const api = sameOriginApi();

/** The patient's calls to the API, one function each, typed from shared/. */
export const getQueues = () => api('GET /api/queues');

export const getMyTickets = (token: string) => api('GET /api/tickets/mine', { token });

export const joinQueue = (token: string, department: string) =>
  api('POST /api/queues/:department/tickets', { params: { department }, token });

export const cancelTicket = (token: string, id: number) => api('DELETE /api/tickets/:id', { params: { id }, token });

export function getNotifications(token: string, before?: string | null): Promise<NotificationPage> {
  return api('GET /api/notifications', { query: { limit: 20, before }, token });
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
  api('POST /api/notifications/:id/read', { params: { id }, token });

export const markAllRead = (token: string) => api('POST /api/notifications/read-all', { token });

export const getPreferences = (token: string) => api('GET /api/me/preferences', { token });

export const putPreferences = (token: string, preferences: Preferences) =>
  api('PUT /api/me/preferences', { token, body: preferences });
