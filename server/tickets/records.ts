import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { localDate } from '../clock';
import type { AppContext } from '../context';
import { conflict, notFound } from '../errors';
import { findTickets, presentTicket } from './queries';
import type { TicketRow } from './queries';
import type { TicketSnapshot } from './snapshot';

/** The hospital's local date: tickets are numbered per department and day. */
export function today(ctx: Pick<AppContext, 'clock' | 'config'>): string {
  return localDate(ctx.clock.now(), ctx.config.timeZone);
}

export async function ticketById(
  sequelize: Sequelize,
  id: number,
  transaction?: Transaction,
): Promise<TicketRow> {
  const [row] = await findTickets(sequelize, 't.id = :id', { id }, transaction);
  if (!row) throw notFound('There is no such ticket.');
  return row;
}

/** A ticket row locked for the caller's transaction, or a 404. */
export async function lockTicket(
  sequelize: Sequelize,
  ticketId: number,
  transaction: Transaction,
): Promise<{ status: string; room: string | null; user_id: number }> {
  const [locked] = await sequelize.query<{ status: string; room: string | null; user_id: number }>(
    `SELECT status, room, user_id FROM tickets WHERE id = :ticketId FOR UPDATE`,
    { replacements: { ticketId }, type: QueryTypes.SELECT, transaction },
  );
  if (!locked) throw notFound('There is no such ticket.');
  return locked;
}

export const asDepartment = (row: {
  department_id: number;
  department_name: string;
  alert_position: number;
}) => ({
  id: Number(row.department_id),
  name: row.department_name,
  alertPosition: row.alert_position,
});

/** A patient holds at most one active ticket per department: a second join is a 409 naming the first. */
export async function rejectIfActive(
  sequelize: Sequelize,
  userId: number,
  departmentId: number,
  transaction?: Transaction,
): Promise<void> {
  const [active] = await findTickets(
    sequelize,
    `t.user_id = :userId AND t.department_id = :departmentId AND t.status IN ('waiting', 'called', 'serving')`,
    { userId, departmentId },
    transaction,
  );
  if (active) {
    throw conflict('already_in_queue', 'You already have a ticket in this queue.', {
      ticket: presentTicket(active),
    });
  }
}

/**
 * One step of a ticket's history, in the caller's transaction; answers its id. A step that moved the
 * ticket passes `previous` (the state before it, from `snapshotTicket`) so its nurse can undo it, and
 * `at` from the server's clock, against which the undo window is measured.
 */
export async function logTicketEvent(
  sequelize: Sequelize,
  transaction: Transaction,
  ticketId: number,
  kind: string,
  details: {
    actorId?: number | null;
    room?: string | null;
    priority?: string | null;
    reason?: string | null;
    previous?: TicketSnapshot;
    details?: Record<string, unknown>;
    at?: Date;
  },
): Promise<number> {
  const [inserted] = await sequelize.query<{ id: number }>(
    `INSERT INTO ticket_events (ticket_id, kind, room, priority, reason, actor_id, previous, details, at)
     VALUES (:ticketId, :kind, :room, :priority, :reason, :actorId, :previous::jsonb, :details::jsonb,
             coalesce(:at::timestamptz, now()))
     RETURNING id`,
    {
      replacements: {
        ticketId,
        kind,
        room: details.room ?? null,
        priority: details.priority ?? null,
        reason: details.reason ?? null,
        actorId: details.actorId ?? null,
        previous: details.previous ? JSON.stringify(details.previous) : null,
        details: details.details ? JSON.stringify(details.details) : null,
        at: details.at ?? null,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return Number(inserted?.id);
}

/** "A no-show ticket cannot be served.": the 409 for a step that does not follow from the state. */
export function invalidTransition(status: string, pastTense: string) {
  return conflict('invalid_transition', `A ${status.replace('_', '-')} ticket cannot be ${pastTense}.`);
}
