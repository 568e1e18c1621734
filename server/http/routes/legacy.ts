import type { LegacyStatus } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import type { AppContext } from '../../context';
import { changeQueueState } from '../../commands/change-queue-state';
import { getQueueStatus } from '../../queues/status';
import type { RouteHandlers } from '../route-table';

type LegacyRoute = 'POST /operations/queue/status/' | 'GET /operations/queue/status/';

/** The older Django system's shape, snake_case, for clients written against it. */
function legacyStatus(status: QueueStatus): LegacyStatus {
  return {
    id: status.id,
    department: status.department,
    is_open: status.isOpen,
    total_waiting: status.totalWaiting,
    status_message: status.statusMessage,
  };
}

export function legacyHandlers(ctx: AppContext): RouteHandlers<LegacyRoute> {
  return {
    'POST /operations/queue/status/': async ({ body, user }) => {
      const { answer } = await changeQueueState(ctx, {
        department: body.department,
        open: body.is_open,
        reason: 'api',
        userId: user.id,
      });
      return {
        message: answer.message,
        status: legacyStatus(answer.status),
        notification_stats: {
          total_patients_notified: answer.notificationStats.totalPatientsNotified,
          notification_failures: answer.notificationStats.notificationFailures,
        },
      };
    },
    'GET /operations/queue/status/': async ({ query }) => ({
      status: legacyStatus(await getQueueStatus(ctx.sequelize, query.department)),
    }),
  };
}
