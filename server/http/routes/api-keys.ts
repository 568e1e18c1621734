import { listApiKeys } from '../../accounts/api-keys';
import { createApiKey } from '../../commands/create-api-key';
import { revokeApiKey } from '../../commands/revoke-api-key';
import type { AppContext } from '../../context';
import type { RouteHandlers } from '../route-table';

type ApiKeyRoute = 'GET /api/api-keys' | 'POST /api/api-keys' | 'DELETE /api/api-keys/:id';

/** The admin's routes for the API keys of hospital systems. */
export function apiKeyHandlers(ctx: AppContext): RouteHandlers<ApiKeyRoute> {
  return {
    'GET /api/api-keys': async () => listApiKeys(ctx.sequelize),
    'POST /api/api-keys': async ({ body, user }) => createApiKey(ctx.sequelize, user.id, body),
    'DELETE /api/api-keys/:id': async ({ params, user }) => revokeApiKey(ctx.sequelize, user.id, params.id),
  };
}
