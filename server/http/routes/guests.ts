import type { AppContext } from '../../context';
import { joinAsGuest, upgradeGuest } from '../../commands/guest';
import { presentUser } from '../presenters';
import type { RouteHandlers } from '../route-table';

type GuestRoute = 'POST /api/auth/guest' | 'POST /api/me/upgrade';

export function guestHandlers(ctx: AppContext): RouteHandlers<GuestRoute> {
  return {
    'POST /api/auth/guest': async ({ body, request }) => {
      const { token, user } = await joinAsGuest(
        ctx.sequelize,
        body,
        request.ip,
        ctx.config.defaultPhoneRegion,
      );
      return { token, user: presentUser(user) };
    },
    'POST /api/me/upgrade': async ({ user, body }) => ({ user: presentUser(await upgradeGuest(user, body)) }),
  };
}
