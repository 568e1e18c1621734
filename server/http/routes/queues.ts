import type { AppContext } from '../../context';
import { changeQueueState } from '../../commands/change-queue-state';
import { auditLog } from '../../queues/audit';
import { getQueueStatus } from '../../queues/status';
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
async function change(
  ctx: AppContext,
  open: boolean,
  input: {
    params: { department: string };
    body: { note?: string | undefined; manualOverride?: boolean | undefined };
    user: { id: number };
  },
) {
  const { answer } = await changeQueueState(ctx, {
    department: input.params.department,
    open,
    reason: 'manual',
    userId: input.user.id,
    note: input.body.note,
    ...(open ? { manualOverride: input.body.manualOverride } : {}),
  });
  return answer;
}
