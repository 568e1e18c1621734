import type { AppContext } from '../../context';
import { getQueueStatus } from '../../services/departments';
import { ticketMetrics } from '../../tickets/metrics';
import { findTickets, presentStaffTicket, presentTicket } from '../../tickets/queries';
import { callNext, nurseTransition, setPriority } from '../../tickets/nurse';
import type { NurseAction } from '../../tickets/nurse';
import { cancelTicket, joinQueue, today } from '../../tickets/service';
import type { RouteHandler, RouteHandlers } from '../route-table';

type TicketRoute =
  | 'POST /api/queues/:department/tickets'
  | 'GET /api/tickets/mine'
  | 'DELETE /api/tickets/:id'
  | 'GET /api/queues/:department/tickets'
  | 'POST /api/queues/:department/call-next'
  | 'POST /api/tickets/:id/recall'
  | 'POST /api/tickets/:id/serve'
  | 'POST /api/tickets/:id/complete'
  | 'POST /api/tickets/:id/no-show'
  | 'POST /api/tickets/:id/priority'
  | 'GET /api/queues/:department/metrics';

const CALL_ORDER = 't.priority_weight DESC, t.joined_at, t.id';

export function ticketHandlers(ctx: AppContext): RouteHandlers<TicketRoute> {
  const { sequelize } = ctx;
  /** The four ticket actions differ only in the transition they make. */
  const action =
    (
      name: NurseAction,
    ): RouteHandler<`POST /api/tickets/:id/${'recall' | 'serve' | 'complete' | 'no-show'}`> =>
    async ({ params, user }) => ({ ticket: await nurseTransition(ctx, user.id, params.id, name) });

  return {
    'POST /api/queues/:department/tickets': async ({ params, user }) => ({
      ticket: await joinQueue(ctx, user.id, params.department),
    }),
    'GET /api/tickets/mine': async ({ user }) => {
      const rows = await findTickets(
        sequelize,
        `t.user_id = :userId AND t.status IN ('waiting', 'called', 'serving')`,
        { userId: user.id },
      );
      return rows.map(presentTicket);
    },
    'DELETE /api/tickets/:id': async ({ params, user }) => ({
      ticket: await cancelTicket(ctx, user.id, params.id),
    }),
    'GET /api/queues/:department/tickets': async ({ params }) => {
      await getQueueStatus(sequelize, params.department);
      const rows = await findTickets(
        sequelize,
        `d.code = :department AND t.status IN ('waiting', 'called', 'serving')`,
        { department: params.department },
        undefined,
        // Being seen, then called, then the waiting list in call order.
        `CASE t.status WHEN 'serving' THEN 0 WHEN 'called' THEN 1 ELSE 2 END, ${CALL_ORDER}`,
      );
      return rows.map(presentStaffTicket);
    },
    'POST /api/queues/:department/call-next': async ({ params, body, user }) => ({
      ticket: await callNext(ctx, user.id, params.department, body.room),
    }),
    'POST /api/tickets/:id/recall': action('recall'),
    'POST /api/tickets/:id/serve': action('serve'),
    'POST /api/tickets/:id/complete': action('complete'),
    'POST /api/tickets/:id/no-show': action('no_show'),
    'POST /api/tickets/:id/priority': async ({ params, body, user }) => ({
      ticket: await setPriority(ctx, user.id, params.id, body.priority, body.reason),
    }),
    'GET /api/queues/:department/metrics': async ({ params, query }) => {
      const status = await getQueueStatus(sequelize, params.department);
      return ticketMetrics(
        sequelize,
        { id: status.id, code: params.department },
        query.date ?? today(ctx),
        ctx.config.timeZone,
      );
    },
  };
}
