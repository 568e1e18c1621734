import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Ticket } from '../../shared/tickets';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import type { TicketRow } from '../tickets/queries';
import { asDepartment, lockTicket, logTicketEvent, ticketById } from '../tickets/records';
import { restoreTicket } from '../tickets/snapshot';
import { markUndone, nothingToUndo, undoableEvent } from '../tickets/undoable';
import type { UndoableEvent } from '../tickets/undoable';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';

/**
 * Undoes the ticket's last transition, when the nurse asking made it under 5 minutes ago: the ticket
 * gets back exactly the state it had before (status, room, times, priority, place in line), the step is
 * marked undone and an `undone` event is added. Undoing a transfer also withdraws the new ticket, while
 * it still waits; once it has been called, the transfer stands.
 */
export async function undoTicket(deps: TicketDeps, nurseId: number, ticketId: number): Promise<Ticket> {
  const { sequelize } = deps;
  const changed = await sequelize
    .transaction(async (transaction) => {
      await lockTicket(sequelize, ticketId, transaction);
      const now = deps.clock.now();
      const event = await undoableEvent(sequelize, transaction, { ticketId, nurseId, now });
      const withdrawn =
        event.kind === 'transferred' ? await withdrawTransfer(deps, transaction, event, nurseId) : null;
      await restoreTicket(sequelize, transaction, ticketId, event.previous);
      await markUndone(sequelize, transaction, event.id, now);
      await logTicketEvent(sequelize, transaction, ticketId, 'undone', {
        actorId: nurseId,
        details: { undid: event.kind, eventId: event.id },
        at: now,
      });
      const row = await ticketById(sequelize, ticketId, transaction);
      await notifyAlmostYourTurn(sequelize, transaction, asDepartment(row));
      return { row, withdrawn };
    })
    .catch((error: unknown) => {
      // The patient took another ticket in that queue since: the old state cannot come back beside it.
      if (error instanceof UniqueConstraintError) throw nothingToUndo();
      throw error;
    });
  await publishTicketChange(deps, changed.row);
  if (changed.withdrawn) await publishTicketChange(deps, changed.withdrawn);
  return presentTicket(changed.row);
}

/** The transfer's new ticket, while still waiting, is cancelled and unlinked: the patient stays where they were. */
async function withdrawTransfer(
  deps: TicketDeps,
  transaction: Transaction,
  event: UndoableEvent,
  nurseId: number,
): Promise<TicketRow> {
  const { sequelize } = deps;
  const newTicketId = event.ticket?.ticketId;
  if (newTicketId === undefined) throw nothingToUndo();
  const withdrawn = await cancelIfWaiting(sequelize, transaction, newTicketId, deps.clock.now());
  if (!withdrawn) throw nothingToUndo();
  await logTicketEvent(sequelize, transaction, newTicketId, 'cancelled', {
    actorId: nurseId,
    reason: 'transfer undone',
    at: deps.clock.now(),
  });
  const row = await ticketById(sequelize, newTicketId, transaction);
  await notifyAlmostYourTurn(sequelize, transaction, asDepartment(row));
  return row;
}

async function cancelIfWaiting(
  sequelize: Sequelize,
  transaction: Transaction,
  ticketId: number,
  now: Date,
): Promise<boolean> {
  const rows = await sequelize.query(
    `UPDATE tickets SET status = 'cancelled', ended_at = :now, transferred_from_id = NULL
      WHERE id = :ticketId AND status = 'waiting' RETURNING id`,
    { replacements: { now, ticketId }, type: QueryTypes.SELECT, transaction },
  );
  return rows.length > 0;
}
