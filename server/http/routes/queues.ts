import type { FastifyInstance } from 'fastify';
import { auditLogQuery, closeQueueBody, openQueueBody } from '../../../shared/queues';
import type { AppContext } from '../../context';
import { auditLog } from '../../queues/audit';
import { getQueueStatus } from '../../queues/status';
import { changeQueueState } from '../../commands/change-queue-state';
import { currentUser, staffOnly } from '../auth';
import { parse } from '../validate';
import { departmentParams } from './departments';

export function queueRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/queues/:department/open', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    const body = parse(openQueueBody, request.body ?? {});
    const { answer } = await changeQueueState(ctx, {
      department,
      open: true,
      reason: 'manual',
      userId: currentUser(request).id,
      note: body.note,
      manualOverride: body.manualOverride,
    });
    return answer;
  });

  app.post('/api/queues/:department/close', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    const body = parse(closeQueueBody, request.body ?? {});
    const { answer } = await changeQueueState(ctx, {
      department,
      open: false,
      reason: 'manual',
      userId: currentUser(request).id,
      note: body.note,
    });
    return answer;
  });

  app.get('/api/queues/:department/log', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    const { limit } = parse(auditLogQuery, request.query, 'query');
    await getQueueStatus(ctx.sequelize, department);
    return auditLog(ctx.sequelize, department, limit);
  });
}
