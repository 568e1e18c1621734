import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { TICKET_EVENT_KINDS } from '../../shared/tickets';
import type {
  CallReply,
  Priority,
  RequeuePlacement,
  TicketEvent,
  TicketEventKind,
  TicketLink,
} from '../../shared/tickets';
import { iso } from '../util/iso';

interface EventRow {
  id: number;
  kind: string;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  room: string | null;
  priority: Priority | null;
  reason: string | null;
  details: {
    ticket?: TicketLink;
    placement?: RequeuePlacement;
    reply?: CallReply;
    undid?: string;
  } | null;
  undone_at: Date | null;
}

/** A ticket's whole history, oldest first (a 404 for a ticket that does not exist comes from the guard). */
export async function ticketEvents(sequelize: Sequelize, ticketId: number): Promise<TicketEvent[]> {
  const rows = await sequelize.query<EventRow>(
    `SELECT e.id, e.kind, e.at, e.actor_id, u.name AS actor_name, e.room, e.priority, e.reason, e.details,
            e.undone_at
       FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.ticket_id = :ticketId ORDER BY e.id`,
    { replacements: { ticketId }, type: QueryTypes.SELECT },
  );
  return rows.map(presentEvent);
}

const isKind = (kind: string | undefined): kind is TicketEventKind =>
  (TICKET_EVENT_KINDS as readonly string[]).includes(kind ?? '');

function presentEvent(row: EventRow): TicketEvent {
  const details = row.details ?? {};
  return {
    id: Number(row.id),
    kind: isKind(row.kind) ? row.kind : 'joined',
    at: iso(row.at) ?? '',
    actor: row.actor_id === null ? null : { id: Number(row.actor_id), name: row.actor_name ?? '' },
    room: row.room,
    priority: row.priority,
    reason: row.reason,
    ticket: details.ticket ?? null,
    placement: details.placement ?? null,
    reply: details.reply ?? null,
    undid: isKind(details.undid) ? details.undid : null,
    undoneAt: iso(row.undone_at),
  };
}
