import type { Notification, NotificationPage } from '../../../../shared/notifications';
import { sameOriginApi } from '../../../../shared/api-client';

const api = sameOriginApi();

/** One page of the inbox, newest first, older than the cursor when one is given. */
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
