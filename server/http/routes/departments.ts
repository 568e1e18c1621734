import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createDepartmentBody, departmentCode } from '../../../shared/schemas';
import type { AppContext } from '../../context';
import { createDepartment } from '../../commands/create-department';
import { presentDepartment } from '../../departments/present';
import { getQueueStatus, listQueueStatuses } from '../../queues/status';
import { adminOnly } from '../auth';
import { parse } from '../validate';

export const departmentParams = z.object({ department: departmentCode });

export function departmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/queues', async () => listQueueStatuses(ctx.sequelize));

  app.get('/api/queues/:department', async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    return getQueueStatus(ctx.sequelize, department);
  });

  app.post('/api/departments', { preHandler: adminOnly }, async (request, reply) => {
    const body = parse(createDepartmentBody, request.body);
    const department = await createDepartment(ctx.sequelize, body);
    return reply.code(201).send({ department: presentDepartment(department) });
  });
}
