import { UniqueConstraintError } from 'sequelize';
import { conflict } from '../errors';
import type { RequeuePlacement, Ticket } from '../../shared/tickets';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import { asDepartment, invalidTransition, lockTicket, ticketById } from '../tickets/records';
import { changeTicketLogged } from '../tickets/snapshot';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';

const REQUEUABLE = ['called', 'no_show'];

/**
 * The due time that puts a ticket first or last among the department's waiting tickets (the call order
 * is priority, then due time): a millisecond before the earliest, or after the latest; now, give or take
 * that millisecond, where nobody waits.
 */
const DUE_AT: Record<RequeuePlacement, string> = {
  front: `(SELECT least(min(due_at), :now::timestamptz) - interval '1 millisecond'
             FROM tickets WHERE department_id = :departmentId AND status = 'waiting')`,
  back: `(SELECT greatest(max(due_at), :now::timestamptz) + interval '1 millisecond'
            FROM tickets WHERE department_id = :departmentId AND status = 'waiting')`,
};

/**
 * A called or no-show ticket waits again, at the front of the queue (the patient came back a moment
 * late) or at the back (they need longer). Priority still comes first, as in every call order.
 */
export async function requeueTicket(
  deps: TicketDeps,
  nurseId: number,
  ticketId: number,
  placement: RequeuePlacement,
): Promise<Ticket> {
  const { sequelize } = deps;
  const row = await sequelize
    .transaction(async (transaction) => {
      const locked = await lockTicket(sequelize, ticketId, transaction);
      if (!REQUEUABLE.includes(locked.status)) throw invalidTransition(locked.status, 'requeued');
      const before = await ticketById(sequelize, ticketId, transaction);
      const now = deps.clock.now();
      await changeTicketLogged(sequelize, transaction, {
        ticketId,
        set: `status = 'waiting', room = NULL, ended_at = NULL, due_at = ${DUE_AT[placement]}`,
        replacements: { now, departmentId: before.department_id },
        event: { kind: 'requeued', actorId: nurseId, room: null, at: now, details: { placement } },
      });
      const updated = await ticketById(sequelize, ticketId, transaction);
      await notifyAlmostYourTurn(sequelize, transaction, asDepartment(updated));
      return updated;
    })
    .catch((error: unknown) => {
      // A patient marked no-show who has joined the queue again holds their one active ticket there.
      if (error instanceof UniqueConstraintError) {
        throw conflict('already_in_queue', 'The patient already has another ticket in this queue.');
      }
      throw error;
    });
  await publishTicketChange(deps, row);
  return presentTicket(row);
}
