import type { StaffTicket, Ticket, TicketAction } from '../../../shared/tickets';

export type { TicketAction } from '../../../shared/tickets';

/** Each action's name in the catalogue (`list.actions.*`, `queue.done.*`), where keys carry no hyphen. */
export const ACTION_KEY = {
  recall: 'recall',
  serve: 'serve',
  complete: 'complete',
  'no-show': 'noShow',
} as const satisfies Record<TicketAction, string>;

/**
 * The waiting list as shown: the server's list (called, then waiting, in call order) plus the tickets
 * being seen, which the list route leaves out; those are known from `ticket:updated` events and kept
 * until an event says they are done.
 */
export function mergeTickets(
  server: StaffTicket[],
  serving: ReadonlyMap<number, StaffTicket>,
): StaffTicket[] {
  const listed = new Set(server.map((ticket) => ticket.id));
  const extra = [...serving.values()].filter((ticket) => !listed.has(ticket.id));
  const called = server.filter((ticket) => ticket.status !== 'waiting');
  const waiting = server.filter((ticket) => ticket.status === 'waiting');
  return [...called, ...extra, ...waiting];
}

/** Applies one event to the set of tickets being seen. */
export function updateServing(
  serving: ReadonlyMap<number, StaffTicket>,
  ticket: StaffTicket,
): Map<number, StaffTicket> {
  const next = new Map(serving);
  if (ticket.status === 'serving') next.set(ticket.id, ticket);
  else next.delete(ticket.id);
  return next;
}

/** An action's answer is a plain Ticket; keep the name and priority the list already had. */
export function withStaffFields(ticket: Ticket, known: StaffTicket | undefined): StaffTicket | null {
  return known ? { ...known, ...ticket } : null;
}

export const isInRoom = (ticket: StaffTicket) => ticket.status === 'called' || ticket.status === 'serving';
