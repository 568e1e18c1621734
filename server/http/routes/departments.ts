import type { AppContext } from '../../context';
import { createDepartment } from '../../commands/create-department';
import { presentDepartment } from '../../departments/present';
import { getQueueStatus, listQueueStatuses } from '../../queues/status';
import type { RouteHandlers } from '../route-table';

type DepartmentRoute = 'GET /api/queues' | 'GET /api/queues/:department' | 'POST /api/departments';

export function departmentHandlers(ctx: AppContext): RouteHandlers<DepartmentRoute> {
  return {
    'GET /api/queues': async () => listQueueStatuses(ctx.sequelize),
    'GET /api/queues/:department': async ({ params }) => getQueueStatus(ctx.sequelize, params.department),
    'POST /api/departments': async ({ body }) => ({
      department: presentDepartment(await createDepartment(ctx.sequelize, body)),
    }),
  };
}
