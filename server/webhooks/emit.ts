import type { Sequelize, Transaction } from 'sequelize';
import type { WebhookEventType } from '../../shared/webhooks';

/**
 * Records a webhook event in the caller's transaction: the event and one delivery per active webhook
 * subscribed to its type (nothing when none is), and a NOTIFY that wakes the delivery workers on commit.
 * So the event commits with the change it reports or not at all.
 *
 * `data` holds ids, ticket numbers, departments, rooms and times only: never a patient's name or contact.
 *
 * For a command that emits one (issue 20's transfer):
 *   await emitWebhookEvent(sequelize, transaction, 'ticket.transferred', { ticketId, from, to, at }, now);
 */
export async function emitWebhookEvent(
  sequelize: Sequelize,
  transaction: Transaction,
  type: WebhookEventType,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await sequelize.query(`SELECT webhook_emit(:type, :data::jsonb, :at)`, {
    replacements: { type, data: JSON.stringify(data), at: at.toISOString() },
    transaction,
  });
}
