import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { UNDO_WINDOW_SECONDS } from '../../shared/tickets';
import type { TicketLink } from '../../shared/tickets';
import { conflict } from '../errors';
import type { TicketSnapshot } from './snapshot';

/** The latest step of a ticket that can still be undone: its kind, the state before it and its details. */
export interface UndoableEvent {
  id: number;
  kind: string;
  previous: TicketSnapshot;
  /** A transfer's new ticket. */
  ticket: TicketLink | null;
}

/**
 * The ticket's last transition not yet undone, if this nurse made it less than UNDO_WINDOW_SECONDS ago
 * (by the server's clock); otherwise 409 `nothing_to_undo`. Another nurse's step is theirs to undo.
 */
export async function undoableEvent(
  sequelize: Sequelize,
  transaction: Transaction,
  check: { ticketId: number; nurseId: number; now: Date },
): Promise<UndoableEvent> {
  const [last] = await sequelize.query<{
    id: number;
    kind: string;
    previous: TicketSnapshot;
    details: { ticket?: TicketLink } | null;
    actor_id: number | null;
    at: Date;
  }>(
    `SELECT id, kind, previous, details, actor_id, at FROM ticket_events
      WHERE ticket_id = :ticketId AND previous IS NOT NULL AND undone_at IS NULL
      ORDER BY id DESC LIMIT 1`,
    { replacements: { ticketId: check.ticketId }, type: QueryTypes.SELECT, transaction },
  );
  const windowStart = check.now.getTime() - UNDO_WINDOW_SECONDS * 1000;
  if (!last || Number(last.actor_id) !== check.nurseId || new Date(last.at).getTime() <= windowStart) {
    throw nothingToUndo();
  }
  return {
    id: Number(last.id),
    kind: last.kind,
    previous: last.previous,
    ticket: last.details?.ticket ?? null,
  };
}

export function nothingToUndo() {
  return conflict(
    'nothing_to_undo',
    'There is nothing of yours to undo on this ticket: only your own last step, within 5 minutes.',
  );
}

export async function markUndone(
  sequelize: Sequelize,
  transaction: Transaction,
  eventId: number,
  now: Date,
): Promise<void> {
  await sequelize.query(`UPDATE ticket_events SET undone_at = :now WHERE id = :eventId`, {
    replacements: { now, eventId },
    transaction,
  });
}
