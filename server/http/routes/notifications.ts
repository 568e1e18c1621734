import type { FastifyInstance } from 'fastify';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { NOTIFICATION_TYPES, notificationListQuery, receiptQuery } from '../../../shared/notifications';
import type { NotificationPage } from '../../../shared/notifications';
import { departmentCode } from '../../../shared/schemas';
import type { AppContext } from '../../context';
import { NOTIFICATION_COLUMNS, presentNotification } from '../../notifications/presenter';
import type { NotificationRow } from '../../notifications/presenter';
import { notificationStats } from '../../notifications/stats';
import { retryFailed } from '../../commands/retry-failed';
import { markDelivered } from '../../notifications/store';
import { getQueueStatus } from '../../queues/status';
import { authenticateToken } from '../../accounts/tokens';
import { bearerToken, currentUser, patientOnly, staffOnly } from '../auth';
import { notFound, unauthenticated } from '../../errors';
import { expectNoBody, idParams, parse } from '../validate';

const retryFailedBody = z.strictObject({ department: departmentCode.optional() });
const statsQuery = z.strictObject({
  department: departmentCode.optional(),
  since: z.iso.datetime().optional(),
  type: z.enum(NOTIFICATION_TYPES).optional(),
});

export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { sequelize } = ctx;

  app.get('/api/notifications', { preHandler: patientOnly }, async (request): Promise<NotificationPage> => {
    const { limit, before } = parse(notificationListQuery, request.query, 'query');
    const rows = await sequelize.query<NotificationRow>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n LEFT JOIN departments d ON d.id = n.department_id
        WHERE n.user_id = :userId ${before ? 'AND n.id < :before' : ''}
        ORDER BY n.id DESC LIMIT :limit`,
      {
        replacements: { userId: currentUser(request).id, before: before ?? null, limit: limit + 1 },
        type: QueryTypes.SELECT,
      },
    );
    const items = rows.slice(0, limit).map(presentNotification);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
  });

  // The owner's token, or the push payload's receipt: the service worker has no token.
  app.post('/api/notifications/:id/delivered', async (request, reply) => {
    const { id } = parse(idParams, request.params, 'params');
    const { receipt } = parse(receiptQuery, request.query, 'query');
    expectNoBody(request.body);
    if (receipt !== undefined) {
      if (!ctx.receipts.verify(id, receipt)) throw notFound('No such notification.');
      await markDelivered(sequelize, id);
      return reply.code(204).send();
    }
    const token = bearerToken(request.headers.authorization);
    const auth = token ? await authenticateToken(token) : undefined;
    if (!auth) throw unauthenticated();
    await ownNotification(ctx, id, auth.user.id);
    await markDelivered(sequelize, id, auth.user.id);
    return reply.code(204).send();
  });

  app.post('/api/notifications/:id/read', { preHandler: patientOnly }, async (request, reply) => {
    const { id } = parse(idParams, request.params, 'params');
    expectNoBody(request.body);
    const userId = currentUser(request).id;
    await ownNotification(ctx, id, userId);
    await sequelize.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()), delivery_status = 'delivered',
              delivered_at = coalesce(delivered_at, now()), sent_at = coalesce(sent_at, now())
        WHERE id = :id AND user_id = :userId`,
      { replacements: { id, userId } },
    );
    return reply.code(204).send();
  });

  app.post('/api/notifications/read-all', { preHandler: patientOnly }, async (request, reply) => {
    expectNoBody(request.body);
    await sequelize.query(
      `UPDATE notifications SET read_at = now(), delivery_status = 'delivered',
              delivered_at = coalesce(delivered_at, now()), sent_at = coalesce(sent_at, now())
        WHERE user_id = :userId AND read_at IS NULL`,
      { replacements: { userId: currentUser(request).id } },
    );
    return reply.code(204).send();
  });

  // Staff can send failed notifications again from the console (the CLI has the same command).
  app.post('/api/notifications/retry-failed', { preHandler: staffOnly }, async (request) => {
    const body = parse(retryFailedBody, request.body ?? {});
    const departmentId = body.department ? (await getQueueStatus(sequelize, body.department)).id : null;
    const queued = await retryFailed(sequelize, departmentId);
    if (queued > 0) ctx.outbox.wake();
    return { queued };
  });

  app.get('/api/notifications/stats', { preHandler: staffOnly }, async (request) => {
    const query = parse(statsQuery, request.query, 'query');
    return notificationStats(sequelize, {
      department: query.department,
      since: query.since ? new Date(query.since) : undefined,
      type: query.type,
    });
  });
}

/** Someone else's notification is answered like a missing one, so ids reveal nothing. */
async function ownNotification(ctx: AppContext, id: number, userId: number): Promise<void> {
  const [row] = await ctx.sequelize.query(
    `SELECT 1 FROM notifications WHERE id = :id AND user_id = :userId`,
    {
      replacements: { id, userId },
      type: QueryTypes.SELECT,
    },
  );
  if (!row) throw notFound('No such notification.');
}
