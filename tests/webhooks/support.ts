import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { CreatedWebhook, WebhookDelivery, WebhookEventType } from '../../shared/webhooks';
import type { WebhookWorker } from '../../server/webhooks/worker';
import { api } from '../support/server';
import type { WebhookReceiver } from '../support/webhook-receiver';

/** Creates a webhook to the receiver through the API and hands the receiver its secret. */
export async function subscribe(
  server: { url: string },
  token: string,
  receiver: WebhookReceiver,
  events: WebhookEventType[],
): Promise<CreatedWebhook> {
  const created = await api<CreatedWebhook>(server, 'POST', '/api/webhooks', {
    token,
    body: { url: receiver.url, events, description: 'test receiver' },
  });
  if (created.status !== 201) throw new Error(`webhook not created: ${JSON.stringify(created.body)}`);
  receiver.useSecret(created.body.secret);
  return created.body;
}

/** A delivery as the admin's delivery log shows it. */
export async function deliveryOf(
  server: { url: string },
  token: string,
  webhookId: number,
  deliveryId: number,
): Promise<WebhookDelivery | undefined> {
  const log = await api<WebhookDelivery[]>(server, 'GET', `/api/webhooks/${webhookId}/deliveries?limit=200`, {
    token,
  });
  return log.body.find((delivery) => delivery.id === deliveryId);
}

/** Resolves once the delivery's recorded row satisfies `done`, checked after each attempt the worker records. */
export function deliverySettles(
  worker: WebhookWorker,
  sequelize: Sequelize,
  deliveryId: number,
  done: (row: { status: string; attempts: number }) => boolean,
): Promise<{ status: string; attempts: number }> {
  return new Promise((resolve, reject) => {
    const check = () => {
      sequelize
        .query<{ status: string; attempts: number }>(
          `SELECT status, attempts FROM webhook_deliveries WHERE id = :deliveryId`,
          { replacements: { deliveryId }, type: QueryTypes.SELECT },
        )
        .then(([row]) => {
          if (!row || !done(row)) return;
          worker.events.off('attempt', check);
          resolve(row);
        }, reject);
    };
    worker.events.on('attempt', check);
    check();
  });
}
