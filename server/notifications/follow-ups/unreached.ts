import type { TicketUnreachedEvent } from '../../../shared/tickets';

/** A time-critical notification no channel delivered: staff are told, so they call the name aloud. */
export type UnreachedCall = TicketUnreachedEvent;

/** The ticket a notification is about, from its row; null for a notification about no ticket. */
export function callOf(row: {
  id: number;
  department: string | null;
  data: Record<string, unknown>;
}): UnreachedCall | null {
  const ticketId = Number(row.data['ticketId']);
  const number = row.data['ticket'];
  if (!Number.isSafeInteger(ticketId) || typeof number !== 'string' || row.department === null) return null;
  return { ticketId, department: row.department, number, notificationId: Number(row.id) };
}
