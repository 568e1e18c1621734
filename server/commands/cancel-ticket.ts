import type { Ticket } from '../../shared/tickets';
import { notFound } from '../errors';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import { asDepartment, invalidTransition, lockTicket, logTicketEvent, ticketById } from '../tickets/records';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';

/** The patient gives up their place. Only their own ticket, and only before it is being served. */
export async function cancelTicket(deps: TicketDeps, userId: number, ticketId: number): Promise<Ticket> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const locked = await lockTicket(sequelize, ticketId, transaction);
    // Someone else's ticket is answered like a missing one.
    if (Number(locked.user_id) !== userId) throw notFound('There is no such ticket.');
    if (!['waiting', 'called'].includes(locked.status)) throw invalidTransition(locked.status, 'cancelled');
    await sequelize.query(`UPDATE tickets SET status = 'cancelled', ended_at = :now WHERE id = :ticketId`, {
      replacements: { now: deps.clock.now(), ticketId },
      transaction,
    });
    await logTicketEvent(sequelize, transaction, ticketId, 'cancelled', { actorId: userId });
    const updated = await ticketById(sequelize, ticketId, transaction);
    await notifyAlmostYourTurn(sequelize, transaction, asDepartment(updated));
    return updated;
  });
  await publishTicketChange(deps, row);
  return presentTicket(row);
}
