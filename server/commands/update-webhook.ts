import type { UpdateWebhookBody, Webhook } from '../../shared/webhooks';
import { changedFields, recordAdminLog } from '../staff/admin-log';
import { webhookSettings } from '../webhooks/index';
import { webhookTarget } from '../webhooks/record';
import { presentWebhook, saveWebhook, webhookById } from '../webhooks/store';
import { assertWebhookUrlAllowed } from '../webhooks/url-guard';
import type { WebhookDeps } from './create-webhook';

/**
 * An admin changes a webhook's URL (the SSRF rule again) or events, or turns it off or on; turning it
 * on again clears its failing streak. The row and the admin log entry commit together; a body that
 * changes nothing writes nothing.
 */
export async function updateWebhook(
  deps: WebhookDeps,
  actorId: number,
  id: number,
  body: UpdateWebhookBody,
): Promise<Webhook> {
  if (body.url !== undefined) {
    await assertWebhookUrlAllowed(body.url, webhookSettings(deps.config).allowedOrigins);
  }
  const { sequelize } = deps;
  const row = await sequelize.transaction(async (transaction) => {
    const current = await webhookById(sequelize, id, transaction);
    const before = { url: current.url, events: current.events, active: current.active };
    const after = {
      url: body.url ?? current.url,
      events: body.events ?? current.events,
      active: body.active ?? current.active,
    };
    const change = changedFields(before, after);
    if (Object.keys(change.after).length === 0) return current;
    const saved = await saveWebhook(sequelize, transaction, id, {
      ...after,
      reactivated: after.active && !current.active,
    });
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'webhook.updated',
      target: webhookTarget(id),
      ...change,
    });
    return saved;
  });
  return presentWebhook(row);
}
