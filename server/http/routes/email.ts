import type { AppContext } from '../../context';
import { unsubscribeEmail } from '../../commands/unsubscribe-email';
import { invalidToken } from '../../errors';
import type { RouteHandlers } from '../route-table';

type EmailRoute = 'POST /api/email/unsubscribe';

export function emailHandlers(ctx: AppContext): RouteHandlers<EmailRoute> {
  return {
    // RFC 8058 one-click: no sign-in, the signed token names the patient. A bad token changes nothing.
    'POST /api/email/unsubscribe': async ({ query }) => {
      const userId = ctx.unsubscribe.verify(query.token);
      if (userId === null) throw invalidToken();
      await unsubscribeEmail(userId);
    },
  };
}
