import type { AppContext } from '../../context';
import { authenticateToken } from '../../accounts/tokens';
import { replyToCall } from '../../commands/reply-to-call';
import { requeueTicket } from '../../commands/requeue-ticket';
import { transferTicket } from '../../commands/transfer-ticket';
import { undoTicket } from '../../commands/undo-ticket';
import { forbidden, unauthenticated } from '../../errors';
import { ticketEvents } from '../../tickets/events';
import { ticketById } from '../../tickets/records';
import { bearerToken } from '../auth';
import type { RouteHandlers } from '../route-table';

type JourneyRoute =
  | 'POST /api/tickets/:id/transfer'
  | 'POST /api/tickets/:id/requeue'
  | 'POST /api/tickets/:id/undo'
  | 'POST /api/tickets/:id/reply'
  | 'GET /api/tickets/:id/events';

/** The patient's way through the hospital: transfers, requeues, undo, the patient's replies, the history. */
export function journeyHandlers(ctx: AppContext): RouteHandlers<JourneyRoute> {
  return {
    'POST /api/tickets/:id/transfer': async ({ params, body, user }) =>
      transferTicket(ctx, {
        nurseId: user.id,
        ticketId: params.id,
        department: body.department,
        note: body.note,
        keepPriority: body.keepPriority,
      }),
    'POST /api/tickets/:id/requeue': async ({ params, body, user }) => ({
      ticket: await requeueTicket(ctx, user.id, params.id, body.placement),
    }),
    'POST /api/tickets/:id/undo': async ({ params, user }) => ({
      ticket: await undoTicket(ctx, user.id, params.id),
    }),

    // The patient's token, or the call push's receipt: the service worker's action has no token.
    'POST /api/tickets/:id/reply': async ({ params, query, body, request }) => {
      if (query.receipt !== undefined) {
        await replyToCall(ctx, params.id, { receipt: query.receipt }, body.reply);
        return;
      }
      const token = bearerToken(request.headers.authorization);
      const auth = token ? await authenticateToken(token) : undefined;
      if (!auth) throw unauthenticated();
      if (auth.user.role !== 'patient')
        throw forbidden('Only the patient of this ticket can answer its call.');
      await replyToCall(ctx, params.id, { userId: auth.user.id }, body.reply);
    },

    'GET /api/tickets/:id/events': async ({ params }) => {
      await ticketById(ctx.sequelize, params.id);
      return ticketEvents(ctx.sequelize, params.id);
    },
  };
}
