import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';

/**
 * The columns a transition changes, so an undo can put them back exactly. Not the ticket's identity
 * (number, patient, department) nor `almost_notified`: a patient told "almost your turn" once is never
 * told twice, undo or not.
 */
const STATE_COLUMNS = [
  'status',
  'room',
  'priority',
  'priority_weight',
  'call_count',
  'called_at',
  'last_called_at',
  'serving_at',
  'completed_at',
  'ended_at',
  'due_at',
] as const;

/** A ticket's state as JSON (timestamps as PostgreSQL writes them, to the microsecond). */
export type TicketSnapshot = Record<(typeof STATE_COLUMNS)[number], string | number | null>;

const COLUMN_LIST = STATE_COLUMNS.join(', ');

/** The ticket's state now, in the caller's transaction (which should hold the row's lock). */
export async function snapshotTicket(
  sequelize: Sequelize,
  transaction: Transaction,
  ticketId: number,
): Promise<TicketSnapshot> {
  const [row] = await sequelize.query<{ state: TicketSnapshot }>(
    `SELECT to_jsonb(s) AS state FROM (SELECT ${COLUMN_LIST} FROM tickets WHERE id = :ticketId) s`,
    { replacements: { ticketId }, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw new Error(`Ticket ${ticketId} has no row to snapshot.`);
  return row.state;
}

/** Puts a snapshot's columns back on the ticket; jsonb_populate_record reads each with its own type. */
export async function restoreTicket(
  sequelize: Sequelize,
  transaction: Transaction,
  ticketId: number,
  snapshot: TicketSnapshot,
): Promise<void> {
  const values = STATE_COLUMNS.map((column) => `p.${column}`).join(', ');
  await sequelize.query(
    `UPDATE tickets SET (${COLUMN_LIST}) = (SELECT ${values} FROM jsonb_populate_record(NULL::tickets, :snapshot::jsonb) p)
      WHERE id = :ticketId`,
    { replacements: { ticketId, snapshot: JSON.stringify(snapshot) }, transaction },
  );
}

export interface LoggedChange {
  ticketId: number;
  /** The UPDATE's SET list, with its own replacements. */
  set: string;
  replacements: Record<string, unknown>;
  event: { kind: string; actorId: number; room: string | null; at: Date; details?: Record<string, unknown> };
}

/**
 * Changes a ticket and logs the change as a ticket event carrying the state before it (as snapshotTicket
 * takes it), in one statement: a nurse's step is time-critical, and each round trip to a database busy with a
 * fan-out costs it more than the statement. Every part of one statement sees the same snapshot, so
 * `previous` is the row before the UPDATE. Answers the event's id.
 */
export async function changeTicketLogged(
  sequelize: Sequelize,
  transaction: Transaction,
  change: LoggedChange,
): Promise<number> {
  const [inserted] = await sequelize.query<{ id: number }>(
    `WITH previous AS (
       SELECT to_jsonb(s) AS state FROM (SELECT ${COLUMN_LIST} FROM tickets WHERE id = :ticketId) s),
     changed AS (UPDATE tickets SET ${change.set} WHERE id = :ticketId RETURNING id)
     INSERT INTO ticket_events (ticket_id, kind, room, actor_id, previous, details, at)
     SELECT changed.id, :eventKind, :eventRoom, :eventActorId, previous.state, :eventDetails::jsonb,
            :eventAt::timestamptz
       FROM changed, previous
     RETURNING id`,
    {
      replacements: {
        ...change.replacements,
        ticketId: change.ticketId,
        eventKind: change.event.kind,
        eventRoom: change.event.room,
        eventActorId: change.event.actorId,
        eventDetails: change.event.details ? JSON.stringify(change.event.details) : null,
        eventAt: change.event.at,
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  if (!inserted) throw new Error(`Ticket ${change.ticketId} has no row to change.`);
  return Number(inserted.id);
}
