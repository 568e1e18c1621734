import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Sequelize } from 'sequelize';
import type { z } from 'zod';
import { ROUTE_KEYS, ROUTES, splitRouteKey } from '../../shared/routes';
import type { AnswerOf, RouteKey, Routes, RouteSpec } from '../../shared/routes';
import type { ApiKeyCaller } from '../accounts/api-keys';
import type { Outbox } from '../context';
import type { User } from '../db/models/index';
import { routeGuard } from './auth';
import { departmentGuard } from './department-guard';
import { withIdempotency } from './idempotency';
import type { Outcome } from './idempotency';
import { TIME_CRITICAL_ROUTES, timeCriticalHooks } from './time-critical';
import { zodValidatorCompiler } from './validate';

/** A route's input once its schemas have parsed it. */
type Parsed<Spec, Part extends string> = Spec extends { [P in Part]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** The signed-in user, on every route whose guard lets only signed-in callers through. */
type Caller<Spec> = Spec extends { who: 'anyone' } | { receipt: true }
  ? object
  : { user: User; sessionId: number; apiKey?: ApiKeyCaller };

export type RouteInput<K extends RouteKey> = {
  params: Parsed<Routes[K], 'params'>;
  query: Parsed<Routes[K], 'query'>;
  body: Parsed<Routes[K], 'body'>;
  request: FastifyRequest;
  reply: FastifyReply;
} & Caller<Routes[K]>;

/** A route's handler answers with the table's answer type, or with a reply it has sent itself. */
export type RouteHandler<K extends RouteKey> = (input: RouteInput<K>) => Promise<AnswerOf<K> | FastifyReply>;
export type RouteHandlers<K extends RouteKey> = { [P in K]: RouteHandler<P> };

/** What the loop below calls: each handler is typed by its own route where it is written. */
type AnyHandler = (input: {
  params: unknown;
  query: unknown;
  body: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
  user?: User;
  sessionId?: number;
  apiKey?: ApiKeyCaller;
}) => Promise<unknown>;

/**
 * Registers every route of the shared table with its handler. The role guard runs before validation (a
 * stranger learns nothing from a 400), the table's zod schemas validate params, query and body, a route
 * about one department then checks that a nurse is assigned to it (its `department` field), and the
 * answer goes out with the table's status. An API key is held to the route's `scope` instead of `who`
 * (routeGuard); a route marked `idempotent` honours `Idempotency-Key` (withIdempotency). A nurse's step
 * on a ticket goes ahead of this process's fan-out from its arrival to its answer (time-critical.ts).
 */
export function registerRouteTable(
  app: FastifyInstance,
  handlers: RouteHandlers<RouteKey>,
  deps: { sequelize: Sequelize; outbox: Pick<Outbox, 'timeCritical'> },
): void {
  const { sequelize } = deps;
  const timeCritical = timeCriticalHooks(deps.outbox);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.setValidatorCompiler(zodValidatorCompiler);
  for (const key of ROUTE_KEYS) {
    const spec: RouteSpec = ROUTES[key];
    const { method, path } = splitRouteKey(key);
    const handler = handlers[key] as unknown as AnyHandler;
    const guard = routeGuard(spec, sequelize);
    typed.route({
      method,
      url: path,
      schema: schemaOf(spec),
      ...(TIME_CRITICAL_ROUTES.has(key) ? timeCritical : {}),
      ...(guard ? { preValidation: guard } : {}),
      ...(spec.department ? { preHandler: departmentGuard(sequelize, spec.department) } : {}),
      handler: async (request, reply) => {
        const act = async (): Promise<Outcome> => {
          const result = await handler({
            params: request.params,
            query: request.query,
            body: request.body,
            request,
            reply,
            ...(request.auth ?? {}),
          });
          if (result === reply) return { sent: true };
          return { status: spec.status ?? 200, body: spec.status === 204 ? undefined : result };
        };
        const outcome = spec.idempotent ? await withIdempotency(sequelize, request, act) : await act();
        if ('sent' in outcome) return reply;
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        if (outcome.status === 204) return reply.code(204).send();
        return reply.code(outcome.status).send(outcome.body);
      },
    });
  }
}

/** Only the parts a route has: Fastify warns about a part given as undefined. */
function schemaOf(spec: RouteSpec): { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType } {
  return {
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
  };
}
