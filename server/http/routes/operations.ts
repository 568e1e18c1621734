import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../../context';
import type { RouteHandlers } from '../route-table';

type OperationsRoute = 'GET /healthz' | 'GET /metrics';

/** Health for load balancers and Prometheus metrics for whoever watches the servers. */
export function operationsHandlers(
  ctx: AppContext,
  registry: client.Registry,
): RouteHandlers<OperationsRoute> {
  return {
    'GET /healthz': async ({ reply }) => {
      try {
        await ctx.sequelize.query('SELECT 1');
        return { status: 'ok', db: 'ok' };
      } catch {
        return reply.code(503).send({ status: 'unavailable', db: 'unreachable' });
      }
    },
    'GET /metrics': async ({ reply }) =>
      reply.header('content-type', registry.contentType).send(await registry.metrics()),
  };
}

export function createMetrics(app: FastifyInstance): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'queuebell_' });
  const duration = new client.Histogram({
    name: 'queuebell_http_request_duration_seconds',
    help: 'HTTP request duration by route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  return registry;
}
