import type { AppContext } from '../../context';
import { createSchedule } from '../../commands/create-schedule';
import { deleteSchedule } from '../../commands/delete-schedule';
import { updateSchedule } from '../../commands/update-schedule';
import { getQueueStatus } from '../../queues/status';
import { listSchedules } from '../../schedules/store';
import type { RouteHandlers } from '../route-table';

type ScheduleRoute =
  'GET /api/schedules' | 'POST /api/schedules' | 'PUT /api/schedules/:id' | 'DELETE /api/schedules/:id';

export function scheduleHandlers(ctx: AppContext): RouteHandlers<ScheduleRoute> {
  return {
    'GET /api/schedules': async ({ query }) => {
      if (query.department) await getQueueStatus(ctx.sequelize, query.department);
      return listSchedules(ctx.sequelize, { department: query.department });
    },
    'POST /api/schedules': async ({ body }) => ({ schedule: await createSchedule(ctx, body) }),
    'PUT /api/schedules/:id': async ({ params, body }) => ({
      schedule: await updateSchedule(ctx, params.id, body),
    }),
    'DELETE /api/schedules/:id': async ({ params }) => deleteSchedule(ctx, params.id),
  };
}
