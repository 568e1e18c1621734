import type { FastifyInstance } from 'fastify';
import { scheduleBody, scheduleListQuery } from '../../../shared/queues';
import type { AppContext } from '../../context';
import { createSchedule } from '../../commands/create-schedule';
import { deleteSchedule } from '../../commands/delete-schedule';
import { updateSchedule } from '../../commands/update-schedule';
import { listSchedules } from '../../schedules/store';
import { getQueueStatus } from '../../queues/status';
import { staffOnly } from '../auth';
import { expectNoBody, idParams, parse } from '../validate';

export function scheduleRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/schedules', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(scheduleListQuery, request.query, 'query');
    if (department) await getQueueStatus(ctx.sequelize, department);
    return listSchedules(ctx.sequelize, { department });
  });

  app.post('/api/schedules', { preHandler: staffOnly }, async (request, reply) => {
    const body = parse(scheduleBody, request.body);
    return reply.code(201).send({ schedule: await createSchedule(ctx, body) });
  });

  app.put('/api/schedules/:id', { preHandler: staffOnly }, async (request) => {
    const { id } = parse(idParams, request.params, 'params');
    const body = parse(scheduleBody, request.body);
    return { schedule: await updateSchedule(ctx, id, body) };
  });

  app.delete('/api/schedules/:id', { preHandler: staffOnly }, async (request, reply) => {
    const { id } = parse(idParams, request.params, 'params');
    expectNoBody(request.body);
    await deleteSchedule(ctx, id);
    return reply.code(204).send();
  });
}
