import type { FastifyInstance } from 'fastify';
import type { QueueStatus } from '../../../shared/schemas';
import { legacyStatusBody, legacyStatusQuery } from '../../../shared/queues';
import type { AppContext } from '../../context';
import { getQueueStatus } from '../../queues/status';
import { changeQueueState } from '../../commands/change-queue-state';
import { currentUser, staffOnly } from '../auth';
import { parse } from '../validate';

/** The older Django system's shape, snake_case, for clients written against it. */
function legacyStatus(status: QueueStatus) {
  return {
    id: status.id,
    department: status.department,
    is_open: status.isOpen,
    total_waiting: status.totalWaiting,
    status_message: status.statusMessage,
  };
}

export function legacyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/operations/queue/status/', { preHandler: staffOnly }, async (request) => {
    const body = parse(legacyStatusBody, request.body);
    const { answer } = await changeQueueState(ctx, {
      department: body.department,
      open: body.is_open,
      reason: 'api',
      userId: currentUser(request).id,
    });
    return {
      message: answer.message,
      status: legacyStatus(answer.status),
      notification_stats: {
        total_patients_notified: answer.notificationStats.totalPatientsNotified,
        notification_failures: answer.notificationStats.notificationFailures,
      },
    };
  });

  app.get('/operations/queue/status/', async (request) => {
    const { department } = parse(legacyStatusQuery, request.query, 'query');
    return { status: legacyStatus(await getQueueStatus(ctx.sequelize, department)) };
  });
}
