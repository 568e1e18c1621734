import type { AppContext } from '../../context';
import { checkOwnNotification, inboxPage, markAllRead, markRead } from '../../notifications/inbox';
import { notificationStats } from '../../notifications/stats';
import { retryFailed } from '../../commands/retry-failed';
import { markDelivered } from '../../notifications/store';
import { authenticateToken } from '../../accounts/tokens';
import { getQueueStatus } from '../../queues/status';
import { bearerToken } from '../auth';
import { notFound, unauthenticated } from '../../errors';
import type { RouteHandlers } from '../route-table';

type NotificationRoute =
  | 'GET /api/notifications'
  | 'POST /api/notifications/:id/delivered'
  | 'POST /api/notifications/:id/read'
  | 'POST /api/notifications/read-all'
  | 'POST /api/notifications/retry-failed'
  | 'GET /api/notifications/stats';

export function notificationHandlers(ctx: AppContext): RouteHandlers<NotificationRoute> {
  const { sequelize } = ctx;
  return {
    'GET /api/notifications': async ({ query, user }) => inboxPage(sequelize, user.id, query),

    // The owner's token, or the push payload's receipt: the service worker has no token.
    'POST /api/notifications/:id/delivered': async ({ params, query, request }) => {
      const { id } = params;
      if (query.receipt !== undefined) {
        if (!ctx.receipts.verify(id, query.receipt)) throw notFound('No such notification.');
        (await markDelivered(sequelize, id, undefined, 'push')).forEach((call) =>
          ctx.realtime.ticketReached(call),
        );
        return;
      }
      const token = bearerToken(request.headers.authorization);
      const auth = token ? await authenticateToken(token) : undefined;
      if (!auth) throw unauthenticated();
      await checkOwnNotification(sequelize, id, auth.user.id);
      // The app itself confirmed it: it holds a socket or fetched the inbox.
      (await markDelivered(sequelize, id, auth.user.id, 'socket')).forEach((call) =>
        ctx.realtime.ticketReached(call),
      );
    },

    'POST /api/notifications/:id/read': async ({ params, user }) => markRead(sequelize, params.id, user.id),
    'POST /api/notifications/read-all': async ({ user }) => markAllRead(sequelize, user.id),

    // Staff can send failed notifications again from the console (the CLI has the same command).
    'POST /api/notifications/retry-failed': async ({ body }) => {
      const departmentId = body.department ? (await getQueueStatus(sequelize, body.department)).id : null;
      const queued = await retryFailed(sequelize, departmentId);
      if (queued > 0) ctx.outbox.wake();
      return { queued };
    },

    'GET /api/notifications/stats': async ({ query }) =>
      notificationStats(sequelize, {
        department: query.department,
        since: query.since ? new Date(query.since) : undefined,
        type: query.type,
      }),
  };
}
