import { queueTestEvent, webhookById } from '../webhooks/store';
import type { WebhookDeps } from './create-webhook';

/** Queues a `webhook.test` event for one webhook; the workers send it as soon as it commits. */
export async function testWebhook(deps: WebhookDeps, id: number): Promise<number> {
  const { sequelize } = deps;
  return sequelize.transaction(async (transaction) => {
    await webhookById(sequelize, id, transaction);
    return queueTestEvent(sequelize, transaction, id, deps.clock.now());
  });
}
