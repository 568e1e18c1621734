import type { CreatedWebhook, CreateWebhookBody } from '../../shared/webhooks';
import type { AppContext } from '../context';
import { recordAdminLog } from '../staff/admin-log';
import { webhookSettings } from '../webhooks/index';
import { webhookTarget } from '../webhooks/record';
import { newWebhookSecret } from '../webhooks/secret';
import { insertWebhook, presentWebhook } from '../webhooks/store';
import { assertWebhookUrlAllowed } from '../webhooks/url-guard';

export type WebhookDeps = Pick<AppContext, 'sequelize' | 'config' | 'clock'>;

/**
 * An admin subscribes a hospital system: the SSRF rule on its URL, then the row (with its new secret
 * sealed) and the admin log entry in one transaction. The secret is answered this once.
 */
export async function createWebhook(
  deps: WebhookDeps,
  actorId: number,
  body: CreateWebhookBody,
): Promise<CreatedWebhook> {
  const { secrets, allowedOrigins } = webhookSettings(deps.config);
  await assertWebhookUrlAllowed(body.url, allowedOrigins);
  const secret = newWebhookSecret();
  const row = await deps.sequelize.transaction(async (transaction) => {
    const created = await insertWebhook(deps.sequelize, transaction, {
      url: body.url,
      events: body.events,
      description: body.description ?? null,
      secret: secrets.seal(secret),
      createdBy: actorId,
    });
    await recordAdminLog(deps.sequelize, transaction, {
      actorId,
      action: 'webhook.created',
      target: webhookTarget(Number(created.id)),
      before: null,
      after: { url: created.url, events: created.events },
    });
    return created;
  });
  return { webhook: presentWebhook(row), secret };
}
