import type { TicketUnreachedEvent } from '../../../shared/tickets';

/** A time-critical notification no channel delivered: staff are told, so they call the name aloud. */
export type UnreachedCall = TicketUnreachedEvent;

/**
 * The call a notification is, from its row; null for any other type. Only calls are flagged to staff:
 * an "almost your turn" nobody received still leaves the call itself to reach the patient.
 */
export function callOf(row: {
  id: number;
  type: string;
  department: string | null;
  data: Record<string, unknown>;
}): UnreachedCall | null {
  if (row.type !== 'ticket_called') return null;
  const ticketId = Number(row.data['ticketId']);
  const number = row.data['ticket'];
  if (!Number.isSafeInteger(ticketId) || typeof number !== 'string' || row.department === null) return null;
  return { ticketId, department: row.department, number, notificationId: Number(row.id) };
}
