import type { Sequelize, Transaction } from 'sequelize';
import type { WebhookEventType } from '../../shared/webhooks';
import type { TicketRow } from '../tickets/queries';
import { emitWebhookEvent } from '../webhooks/emit';

/**
 * What a ticket's webhook event says about it: ids, the number, the department, the room and times.
 * Never the patient's name or contact (the row has the name: it is left out here on purpose).
 */
export function ticketEventData(row: TicketRow): Record<string, unknown> {
  return {
    ticketId: Number(row.id),
    number: row.number,
    department: row.code,
    status: row.status,
    priority: row.priority,
    room: row.room,
    callCount: row.call_count,
    joinedAt: new Date(row.joined_at).toISOString(),
  };
}

/** A ticket event in the caller's transaction, with `at` (the server clock) as its time. */
export function emitTicketEvent(
  sequelize: Sequelize,
  transaction: Transaction,
  type: Extract<WebhookEventType, `ticket.${string}`>,
  row: TicketRow,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return emitWebhookEvent(
    sequelize,
    transaction,
    type,
    { ...ticketEventData(row), ...extra, at: at.toISOString() },
    at,
  );
}
