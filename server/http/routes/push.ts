import type { AppContext } from '../../context';
import { checkEndpoint, checkKeys, deleteSubscription, saveSubscription } from '../../push/subscriptions';
import type { RouteHandlers } from '../route-table';

type PushRoute =
  'GET /api/push/vapid-public-key' | 'POST /api/push/subscriptions' | 'DELETE /api/push/subscriptions';

export function pushHandlers(ctx: AppContext): RouteHandlers<PushRoute> {
  return {
    'GET /api/push/vapid-public-key': async () => ({ publicKey: ctx.vapid.publicKey }),
    'POST /api/push/subscriptions': async ({ body, user }) => {
      checkEndpoint(body.endpoint, ctx.config.pushAllowedOrigins);
      checkKeys(body.keys);
      await saveSubscription(ctx.sequelize, user.id, body);
      return { endpoint: body.endpoint };
    },
    'DELETE /api/push/subscriptions': async ({ body, user }) => {
      await deleteSubscription(ctx.sequelize, user.id, body.endpoint);
    },
  };
}
