import { recordAdminLog } from '../staff/admin-log';
import { webhookTarget } from '../webhooks/record';
import { removeWebhook, webhookById } from '../webhooks/store';
import type { WebhookDeps } from './create-webhook';

/** An admin deletes a webhook: it and its deliveries go (no more are sent), and the admin log says so. */
export async function deleteWebhook(deps: WebhookDeps, actorId: number, id: number): Promise<void> {
  const { sequelize } = deps;
  await sequelize.transaction(async (transaction) => {
    const current = await webhookById(sequelize, id, transaction);
    await removeWebhook(sequelize, transaction, id);
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'webhook.deleted',
      target: webhookTarget(id),
      before: { url: current.url, events: current.events, active: current.active },
      after: null,
    });
  });
}
