import type { Sequelize, Transaction } from 'sequelize';
import type { TicketRow } from '../tickets/queries';

/** What the `ticket.transferred` webhook event carries: ids, numbers, departments and the time, no name. */
export interface TransferWebhookData {
  ticketId: number;
  from: { ticketId: number; department: string; number: string };
  to: { ticketId: number; department: string; number: string };
  at: string;
}

export function transferWebhookData(from: TicketRow, to: TicketRow, at: Date): TransferWebhookData {
  return {
    ticketId: Number(to.id),
    from: { ticketId: Number(from.id), department: from.code, number: from.number },
    to: { ticketId: Number(to.id), department: to.code, number: to.number },
    at: at.toISOString(),
  };
}

/**
 * The one place a transfer tells the hospital's systems, in the transfer's own transaction so the event
 * commits with it or not at all. The webhook outbox (issue 21) lands in its own branch; where it is
 * merged, this body becomes
 * `emitWebhookEvent(sequelize, transaction, 'ticket.transferred', { ...data }, at)` from
 * `server/webhooks/emit.ts`. Until then no webhook exists to be told.
 */
export async function emitTransferWebhook(
  _sequelize: Sequelize,
  _transaction: Transaction,
  _data: TransferWebhookData,
  _at: Date,
): Promise<void> {
  return Promise.resolve();
}
