import type { AppContext } from '../../context';
import { createDepartment } from '../../commands/create-department';
import { updateDepartment } from '../../commands/update-department';
import { listDepartments } from '../../departments/list';
import { presentDepartment } from '../../departments/present';
import { getQueueStatus, listQueueStatuses } from '../../queues/status';
import { accessOf } from '../../staff/assignment';
import type { RouteHandlers } from '../route-table';

type DepartmentRoute =
  | 'GET /api/queues'
  | 'GET /api/queues/:department'
  | 'POST /api/departments'
  | 'GET /api/departments'
  | 'PATCH /api/departments/:code';

export function departmentHandlers(ctx: AppContext): RouteHandlers<DepartmentRoute> {
  return {
    'GET /api/queues': async () => listQueueStatuses(ctx.sequelize),
    'GET /api/queues/:department': async ({ params }) => getQueueStatus(ctx.sequelize, params.department),
    'POST /api/departments': async ({ body, user }) => ({
      department: presentDepartment(await createDepartment(ctx.sequelize, body, undefined, { id: user.id })),
    }),
    // A nurse sees the departments they act on; an admin every one.
    'GET /api/departments': async ({ user }) =>
      (await listDepartments(accessOf(user))).map(presentDepartment),
    'PATCH /api/departments/:code': async ({ params, body, user }) => ({
      department: await updateDepartment(ctx, user.id, params.code, body),
    }),
  };
}
