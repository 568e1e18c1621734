import type { FastifyInstance } from 'fastify';
import { callNextBody, metricsQuery, priorityBody } from '../../../shared/tickets';
import type { AppContext } from '../../context';
import { getQueueStatus } from '../../queues/status';
import { ticketMetrics } from '../../tickets/metrics';
import { findTickets, presentStaffTicket, presentTicket } from '../../tickets/queries';
import { callNext } from '../../commands/call-next';
import { cancelTicket } from '../../commands/cancel-ticket';
import { completeTicket } from '../../commands/complete-ticket';
import { joinQueue } from '../../commands/join-queue';
import { markNoShow } from '../../commands/mark-no-show';
import { recallTicket } from '../../commands/recall-ticket';
import { serveTicket } from '../../commands/serve-ticket';
import { setPriority } from '../../commands/set-priority';
import { today } from '../../tickets/records';
import { currentUser, patientOnly, staffOnly } from '../auth';
import { expectNoBody, idParams, parse } from '../validate';
import { departmentParams } from './departments';

const CALL_ORDER = 't.priority_weight DESC, t.joined_at, t.id';

export function ticketRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { sequelize } = ctx;

  app.post('/api/queues/:department/tickets', { preHandler: patientOnly }, async (request, reply) => {
    const { department } = parse(departmentParams, request.params, 'params');
    expectNoBody(request.body);
    const ticket = await joinQueue(ctx, currentUser(request).id, department);
    return reply.code(201).send({ ticket });
  });

  app.get('/api/tickets/mine', { preHandler: patientOnly }, async (request) => {
    const rows = await findTickets(
      sequelize,
      `t.user_id = :userId AND t.status IN ('waiting', 'called', 'serving')`,
      { userId: currentUser(request).id },
    );
    return rows.map(presentTicket);
  });

  app.delete('/api/tickets/:id', { preHandler: patientOnly }, async (request) => {
    const { id } = parse(idParams, request.params, 'params');
    expectNoBody(request.body);
    return { ticket: await cancelTicket(ctx, currentUser(request).id, id) };
  });

  app.get('/api/queues/:department/tickets', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    await getQueueStatus(sequelize, department);
    const rows = await findTickets(
      sequelize,
      `d.code = :department AND t.status IN ('waiting', 'called', 'serving')`,
      { department },
      undefined,
      // Being seen, then called, then the waiting list in call order.
      `CASE t.status WHEN 'serving' THEN 0 WHEN 'called' THEN 1 ELSE 2 END, ${CALL_ORDER}`,
    );
    return rows.map(presentStaffTicket);
  });

  app.post('/api/queues/:department/call-next', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    const { room } = parse(callNextBody, request.body);
    return { ticket: await callNext(ctx, currentUser(request).id, department, room) };
  });

  const actions: Array<[string, typeof recallTicket]> = [
    ['recall', recallTicket],
    ['serve', serveTicket],
    ['complete', completeTicket],
    ['no-show', markNoShow],
  ];
  for (const [path, action] of actions) {
    app.post(`/api/tickets/:id/${path}`, { preHandler: staffOnly }, async (request) => {
      const { id } = parse(idParams, request.params, 'params');
      expectNoBody(request.body);
      return { ticket: await action(ctx, currentUser(request).id, id) };
    });
  }

  app.post('/api/tickets/:id/priority', { preHandler: staffOnly }, async (request) => {
    const { id } = parse(idParams, request.params, 'params');
    const body = parse(priorityBody, request.body);
    return { ticket: await setPriority(ctx, currentUser(request).id, id, body.priority, body.reason) };
  });

  app.get('/api/queues/:department/metrics', { preHandler: staffOnly }, async (request) => {
    const { department } = parse(departmentParams, request.params, 'params');
    const { date } = parse(metricsQuery, request.query, 'query');
    const status = await getQueueStatus(sequelize, department);
    return ticketMetrics(
      sequelize,
      { id: status.id, code: department },
      date ?? today(ctx),
      ctx.config.timeZone,
    );
  });
}
