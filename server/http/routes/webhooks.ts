import { createWebhook } from '../../commands/create-webhook';
import { deleteWebhook } from '../../commands/delete-webhook';
import { testWebhook } from '../../commands/test-webhook';
import { updateWebhook } from '../../commands/update-webhook';
import type { AppContext } from '../../context';
import { listDeliveries, listWebhooks, presentWebhook } from '../../webhooks/store';
import type { RouteHandlers } from '../route-table';

type WebhookRoute =
  | 'POST /api/webhooks'
  | 'GET /api/webhooks'
  | 'PATCH /api/webhooks/:id'
  | 'DELETE /api/webhooks/:id'
  | 'GET /api/webhooks/:id/deliveries'
  | 'POST /api/webhooks/:id/test';

/** The admin's routes for webhooks to hospital systems. */
export function webhookHandlers(ctx: AppContext): RouteHandlers<WebhookRoute> {
  return {
    'POST /api/webhooks': ({ body, user }) => createWebhook(ctx, user.id, body),
    'GET /api/webhooks': async () => (await listWebhooks(ctx.sequelize)).map(presentWebhook),
    'PATCH /api/webhooks/:id': async ({ params, body, user }) => ({
      webhook: await updateWebhook(ctx, user.id, params.id, body),
    }),
    'DELETE /api/webhooks/:id': ({ params, user }) => deleteWebhook(ctx, user.id, params.id),
    'GET /api/webhooks/:id/deliveries': ({ params, query }) =>
      listDeliveries(ctx.sequelize, params.id, query.limit),
    'POST /api/webhooks/:id/test': async ({ params }) => ({ deliveryId: await testWebhook(ctx, params.id) }),
  };
}
