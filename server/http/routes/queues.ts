import type { AppContext } from '../../context';
import { auditLog } from '../../services/audit';
import { getQueueStatus } from '../../services/departments';
import { changeQueueState } from '../../services/queue-transitions';
import type { RouteHandlers } from '../route-table';

type QueueRoute =
  | 'POST /api/queues/:department/open'
  | 'POST /api/queues/:department/close'
  | 'GET /api/queues/:department/log';

export function queueHandlers(ctx: AppContext): RouteHandlers<QueueRoute> {
  return {
    'POST /api/queues/:department/open': (input) => change(ctx, true, input),
    'POST /api/queues/:department/close': (input) => change(ctx, false, input),
    'GET /api/queues/:department/log': async ({ params, query }) => {
      await getQueueStatus(ctx.sequelize, params.department);
      return auditLog(ctx.sequelize, params.department, query.limit);
    },
  };
}

/** A nurse's open or close: one transition, the body's note (and, opening, its manual override) with it. */
function change(
  ctx: AppContext,
  open: boolean,
  input: {
    params: { department: string };
    body: { note?: string | undefined; manualOverride?: boolean | undefined };
    user: { id: number };
  },
) {
  return changeQueueState(ctx, {
    department: input.params.department,
    open,
    reason: 'manual',
    userId: input.user.id,
    note: input.body.note,
    ...(open ? { manualOverride: input.body.manualOverride } : {}),
  });
}
