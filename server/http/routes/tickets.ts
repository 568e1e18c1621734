import type { TicketAction } from '../../../shared/tickets';
import type { AppContext } from '../../context';
import { callNext } from '../../commands/call-next';
import { cancelTicket } from '../../commands/cancel-ticket';
import { completeTicket } from '../../commands/complete-ticket';
import { joinQueue } from '../../commands/join-queue';
import { markNoShow } from '../../commands/mark-no-show';
import { recallTicket } from '../../commands/recall-ticket';
import { serveTicket } from '../../commands/serve-ticket';
import { setPriority } from '../../commands/set-priority';
import { getQueueStatus } from '../../queues/status';
import { ticketMetrics } from '../../tickets/metrics';
import { findTickets, presentTicket } from '../../tickets/queries';
import { today } from '../../tickets/records';
import { findStaffTickets } from '../../tickets/staff';
import { joinerOf } from '../join-caller';
import type { RouteHandler, RouteHandlers } from '../route-table';
import { journeyHandlers } from './ticket-journey';

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
  | 'POST /api/tickets/:id/transfer'
  | 'POST /api/tickets/:id/requeue'
  | 'POST /api/tickets/:id/undo'
  | 'POST /api/tickets/:id/reply'
  | 'GET /api/tickets/:id/events'
  | 'GET /api/queues/:department/metrics';

type TicketStep = typeof recallTicket;

/** Priority first, then due time (a checked-in appointment's time, a walk-in's arrival). */
const CALL_ORDER = 't.priority_weight DESC, t.due_at, t.id';

export function ticketHandlers(ctx: AppContext): RouteHandlers<TicketRoute> {
  const { sequelize } = ctx;
  /** The four ticket actions differ only in the command they run. */
  const action =
    (step: TicketStep): RouteHandler<`POST /api/tickets/:id/${TicketAction}`> =>
    async ({ params, user }) => ({ ticket: await step(ctx, user.id, params.id) });

  return {
    'POST /api/queues/:department/tickets': async ({ params, body, user, sessionId, apiKey }) => ({
      ticket: await joinQueue(
        ctx,
        await joinerOf({ user, sessionId, apiKey }, body),
        params.department,
        user.id,
      ),
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
      return findStaffTickets(
        ctx,
        `d.code = :department AND t.status IN ('waiting', 'called', 'serving')`,
        { department: params.department },
        // Being seen, then called, then the waiting list in call order.
        `CASE t.status WHEN 'serving' THEN 0 WHEN 'called' THEN 1 ELSE 2 END, ${CALL_ORDER}`,
      );
    },
    'POST /api/queues/:department/call-next': async ({ params, body, user }) => ({
      ticket: await callNext(ctx, user.id, params.department, body.room),
    }),
    'POST /api/tickets/:id/recall': action(recallTicket),
    'POST /api/tickets/:id/serve': action(serveTicket),
    'POST /api/tickets/:id/complete': action(completeTicket),
    'POST /api/tickets/:id/no-show': action(markNoShow),
    'POST /api/tickets/:id/priority': async ({ params, body, user }) => ({
      ticket: await setPriority(ctx, user.id, params.id, body.priority, body.reason),
    }),
    ...journeyHandlers(ctx),
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
