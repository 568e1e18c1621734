import type { AppContext } from '../../context';
import { preferencesOf } from '../../accounts/preferences';
import { revokeSession } from '../../accounts/tokens';
import { register } from '../../commands/register';
import { savePreferences } from '../../commands/save-preferences';
import { signIn } from '../../commands/sign-in';
import { updateMe } from '../../commands/update-me';
import { presentUser } from '../presenters';
import type { RouteHandlers } from '../route-table';

type AccountRoute =
  | 'POST /api/auth/register'
  | 'POST /api/auth/login'
  | 'POST /api/auth/logout'
  | 'GET /api/me'
  | 'PATCH /api/me'
  | 'GET /api/me/preferences'
  | 'PUT /api/me/preferences';

export function accountHandlers(ctx: AppContext): RouteHandlers<AccountRoute> {
  return {
    'POST /api/auth/register': async ({ body }) => {
      const { token, user } = await register(body);
      return { token, user: presentUser(user) };
    },
    'POST /api/auth/login': async ({ body, request }) => {
      const { token, user } = await signIn(ctx.sequelize, body, request.ip);
      return { token, user: presentUser(user) };
    },
    'POST /api/auth/logout': async ({ sessionId }) => {
      await revokeSession(sessionId);
    },
    'GET /api/me': async ({ user }) => ({ user: presentUser(user) }),
    'PATCH /api/me': async ({ user, body }) => ({
      user: presentUser(await updateMe(user, body, ctx.config.defaultPhoneRegion)),
    }),
    'GET /api/me/preferences': async ({ user }) => preferencesOf(user),
    'PUT /api/me/preferences': async ({ user, body }) => savePreferences(user, body),
  };
}
