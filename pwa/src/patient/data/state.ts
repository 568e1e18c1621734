import { ACTIVE_TICKET_STATUSES } from '../../../../shared/constants';
import type { Notification, NotificationPage } from '../../../../shared/notifications';
import type { QueueStatus } from '../../../../shared/schemas';
import type { Ticket, TicketStatus } from '../../../../shared/tickets';

/** Everything the patient sees that comes from the server; also what is cached for offline use. */
export interface PatientData {
  queues: QueueStatus[];
  /** Active tickets only (waiting, called, serving). */
  tickets: Ticket[];
  /** Newest first, each id once. */
  notifications: Notification[];
  /** The server's cursor for the next older page; null when the oldest is loaded. */
  olderCursor: string | null;
  /** Notifications opened while offline; their `read` is sent once the server is reachable. */
  pendingReads: number[];
  /** When this data was last known to match the server (ISO), null before the first answer. */
  updatedAt: string | null;
}

export const EMPTY_DATA: PatientData = {
  queues: [],
  tickets: [],
  notifications: [],
  olderCursor: null,
  pendingReads: [],
  updatedAt: null,
};

export type DataAction =
  /** `newerHere`: departments a socket update changed after the list was asked for; theirs stand. */
  | { type: 'queues'; queues: QueueStatus[]; at: string; newerHere?: string[] }
  | { type: 'queue'; queue: QueueStatus; at: string }
  /** `newerHere`: tickets a socket update changed after the list was asked for; theirs stand. */
  | { type: 'tickets'; tickets: Ticket[]; at: string; newerHere?: number[] }
  | { type: 'ticket'; ticket: Ticket; at: string }
  | { type: 'notifications'; page: NotificationPage; older: boolean; at: string }
  | { type: 'notification'; notification: Notification; at: string }
  | { type: 'read'; ids: number[]; at: string; pending: boolean }
  | { type: 'readsSent'; ids: number[] }
  | { type: 'seen'; at: string };

// From shared/constants, not shared/tickets: the latter builds zod schemas at load, larger than this app.
const ACTIVE_STATUSES: ReadonlySet<TicketStatus> = new Set(ACTIVE_TICKET_STATUSES);
const isActive = (ticket: Ticket) => ACTIVE_STATUSES.has(ticket.status);

/**
 * Merges by id, newest first. A read made here wins over an older copy from the server that has not
 * seen it yet, so an offline read does not flash back to unread on reconnect.
 */
export function mergeNotifications(current: Notification[], incoming: Notification[]): Notification[] {
  const byId = new Map(current.map((notification) => [notification.id, notification]));
  for (const notification of incoming) {
    const known = byId.get(notification.id);
    byId.set(notification.id, { ...notification, readAt: notification.readAt ?? known?.readAt ?? null });
  }
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

function upsertBy<T>(list: T[], item: T, same: (a: T, b: T) => boolean): T[] {
  const index = list.findIndex((existing) => same(existing, item));
  if (index === -1) return [...list, item];
  return list.map((existing, i) => (i === index ? item : existing));
}

export function reduceData(state: PatientData, action: DataAction): PatientData {
  switch (action.type) {
    case 'queues': {
      const newer = new Set(action.newerHere ?? []);
      const queues = action.queues.map((queue) =>
        newer.has(queue.department)
          ? (state.queues.find((held) => held.department === queue.department) ?? queue)
          : queue,
      );
      return { ...state, queues, updatedAt: action.at };
    }
    case 'queue':
      return {
        ...state,
        queues: upsertBy(state.queues, action.queue, (a, b) => a.department === b.department),
        updatedAt: action.at,
      };
    case 'tickets': {
      // A ticket a socket update changed since stays as that update left it: held if active, gone if not.
      const newer = new Set(action.newerHere ?? []);
      const listed = action.tickets.filter((ticket) => !newer.has(ticket.id));
      const held = state.tickets.filter((ticket) => newer.has(ticket.id));
      return { ...state, tickets: [...listed, ...held].filter(isActive), updatedAt: action.at };
    }
    case 'ticket': {
      const others = state.tickets.filter((ticket) => ticket.id !== action.ticket.id);
      const tickets = isActive(action.ticket)
        ? upsertBy(state.tickets, action.ticket, (a, b) => a.id === b.id)
        : others;
      return { ...state, tickets, updatedAt: action.at };
    }
    case 'notifications': {
      const first = state.notifications.length === 0;
      return {
        ...state,
        notifications: mergeNotifications(state.notifications, action.page.items),
        // A page of the newest only says where older ones start when nothing older is loaded yet.
        olderCursor: action.older || first ? action.page.nextCursor : state.olderCursor,
        updatedAt: action.at,
      };
    }
    case 'notification':
      return {
        ...state,
        notifications: mergeNotifications(state.notifications, [action.notification]),
        updatedAt: action.at,
      };
    case 'read': {
      const ids = new Set(action.ids);
      return {
        ...state,
        notifications: state.notifications.map((notification) =>
          ids.has(notification.id) && !notification.readAt ? { ...notification, readAt: action.at } : notification,
        ),
        pendingReads: action.pending ? [...new Set([...state.pendingReads, ...action.ids])] : state.pendingReads,
      };
    }
    case 'readsSent':
      return { ...state, pendingReads: state.pendingReads.filter((id) => !action.ids.includes(id)) };
    case 'seen':
      return { ...state, updatedAt: action.at };
  }
}
