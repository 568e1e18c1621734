import type { Priority, Ticket } from '../../shared/tickets';
import { conflict } from '../errors';
import { notifyAlmostYourTurn } from '../tickets/almost';
import { presentTicket } from '../tickets/queries';
import { asDepartment, lockTicket, logTicketEvent, ticketById } from '../tickets/records';
import { publishTicketChange } from './publish-ticket-change';
import type { TicketDeps } from './ticket-deps';

const PRIORITY_WEIGHT: Record<Priority, number> = { normal: 0, urgent: 1, emergency: 2 };

/** A waiting ticket moves up (or back) in call order; the reason is kept in the ticket's events. */
export async function setPriority(
  deps: TicketDeps,
  nurseId: number,
  ticketId: number,
  priority: Priority,
  reason: string,
): Promise<Ticket> {
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const locked = await lockTicket(sequelize, ticketId, transaction);
    if (locked.status !== 'waiting') {
      throw conflict('invalid_transition', 'Only a waiting ticket can change priority.');
    }
    await sequelize.query(
      `UPDATE tickets SET priority = :priority, priority_weight = :weight WHERE id = :ticketId`,
      {
        replacements: { priority, weight: PRIORITY_WEIGHT[priority], ticketId },
        transaction,
      },
    );
    await logTicketEvent(sequelize, transaction, ticketId, 'priority', {
      actorId: nurseId,
      priority,
      reason,
    });
    const updated = await ticketById(sequelize, ticketId, transaction);
    await notifyAlmostYourTurn(sequelize, transaction, asDepartment(updated));
    return updated;
  });
  await publishTicketChange(deps, row);
  return presentTicket(row);
}
