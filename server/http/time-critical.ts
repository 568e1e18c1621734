import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteKey } from '../../shared/routes';
import type { Outbox } from '../context';

/**
 * The nurse's steps on a ticket: a patient in the waiting room waits for the push each one sends (or the
 * nurse for the console's answer). From the request's arrival to its answer (its sign-in check and
 * department guard included), this process's fan-out gives way to it (notifications/precedence.ts).
 */
export const TIME_CRITICAL_ROUTES: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'POST /api/queues/:department/call-next',
  'POST /api/tickets/:id/recall',
  'POST /api/tickets/:id/serve',
  'POST /api/tickets/:id/complete',
  'POST /api/tickets/:id/no-show',
  'POST /api/tickets/:id/transfer',
  'POST /api/tickets/:id/requeue',
  'POST /api/tickets/:id/undo',
]);

export interface TimeCriticalHooks {
  onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  onResponse(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** An answer never sent (the client went away) ends the hold too. */
  onRequestAbort(request: FastifyRequest): Promise<void>;
}

/** The route hooks that hold the fan-out back for one request: from its arrival to its answer. */
export function timeCriticalHooks(outbox: Pick<Outbox, 'timeCritical'>): TimeCriticalHooks {
  const holds = new WeakMap<FastifyRequest, () => void>();
  const end = async (request: FastifyRequest) => {
    holds.get(request)?.();
    holds.delete(request);
  };
  return {
    onRequest: async (request) => {
      holds.set(request, outbox.timeCritical());
    },
    onResponse: end,
    onRequestAbort: end,
  };
}
