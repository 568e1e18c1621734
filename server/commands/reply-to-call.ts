import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { CallReply } from '../../shared/tickets';
import type { Receipts } from '../context';
import { conflict, notFound } from '../errors';
import { lockTicket, logTicketEvent, ticketById } from '../tickets/records';
import type { TicketDeps } from './ticket-deps';

/** Who answers: the signed-in patient, or a device holding the receipt of one of the ticket's call pushes. */
export type Replier = { userId: number } | { receipt: string };

/**
 * A called patient answers the call ("on my way", "I need a few more minutes"): kept in the ticket's
 * events and told at once to the staff of its department. Only a ticket being called takes a reply; a
 * stranger's token or a receipt of another notification learns nothing (404).
 */
export async function replyToCall(
  deps: TicketDeps & { receipts: Receipts },
  ticketId: number,
  replier: Replier,
  reply: CallReply,
): Promise<void> {
  const { sequelize } = deps;
  const at = deps.clock.now();
  const row = await sequelize.transaction(async (transaction) => {
    const locked = await lockTicket(sequelize, ticketId, transaction).catch(() => {
      throw noSuchTicket();
    });
    await checkReplier(deps, transaction, { ticketId, ownerId: Number(locked.user_id) }, replier);
    if (locked.status !== 'called') {
      throw conflict('not_called', 'Only a ticket being called can be answered.');
    }
    await logTicketEvent(sequelize, transaction, ticketId, 'reply', {
      actorId: Number(locked.user_id),
      details: { reply },
      at,
    });
    return ticketById(sequelize, ticketId, transaction);
  });
  deps.realtime.ticketReply({
    ticketId: Number(row.id),
    department: row.code,
    number: row.number,
    reply,
    at: at.toISOString(),
  });
}

const noSuchTicket = () => notFound('There is no such ticket.');

async function checkReplier(
  deps: { sequelize: Sequelize; receipts: Receipts },
  transaction: Transaction,
  ticket: { ticketId: number; ownerId: number },
  replier: Replier,
): Promise<void> {
  if ('userId' in replier) {
    if (replier.userId !== ticket.ownerId) throw noSuchTicket();
    return;
  }
  const calls = await callNotificationIds(deps.sequelize, transaction, ticket.ticketId);
  if (!calls.some((id) => deps.receipts.verify(id, replier.receipt))) throw noSuchTicket();
}

/** The ticket's call notifications, whose pushes carried the receipts a reply may come with. */
async function callNotificationIds(
  sequelize: Sequelize,
  transaction: Transaction,
  ticketId: number,
): Promise<number[]> {
  const rows = await sequelize.query<{ id: number }>(
    `SELECT n.id FROM notifications n JOIN tickets t ON t.id = :ticketId AND n.user_id = t.user_id
      WHERE n.type = 'ticket_called' AND n.data ->> 'ticketId' = :ticketKey`,
    { replacements: { ticketId, ticketKey: String(ticketId) }, type: QueryTypes.SELECT, transaction },
  );
  return rows.map((row) => Number(row.id));
}
