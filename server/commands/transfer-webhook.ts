import type { Sequelize, Transaction } from 'sequelize';
import type { TicketRow } from '../tickets/queries';
import { emitWebhookEvent } from '../webhooks/emit';

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
 * commits with it or not at all (the webhook outbox, `server/webhooks/emit.ts`).
 */
export async function emitTransferWebhook(
  sequelize: Sequelize,
  transaction: Transaction,
  data: TransferWebhookData,
  at: Date,
): Promise<void> {
  await emitWebhookEvent(sequelize, transaction, 'ticket.transferred', { ...data }, at);
}
