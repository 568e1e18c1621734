import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { MAX_BODY_BYTES } from '../../shared/constants';
import type { AppContext } from '../context';
import { installErrorHandling } from './error-handler';
import { accountRoutes } from './routes/accounts';
import { departmentRoutes } from './routes/departments';
import { createMetrics, operationsRoutes } from './routes/operations';
import { registerStatic } from './static';

export async function buildHttpApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify's logger type is narrower than pino's; the instance is the same pino logger.
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: MAX_BODY_BYTES,
    // One line per request is noise at info level; debug and trace show them.
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorateRequest('auth', null);
  installErrorHandling(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:'],
        'worker-src': ["'self'"],
        'connect-src': ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const registry = createMetrics(app);
  operationsRoutes(app, ctx, registry);
  accountRoutes(app, ctx);
  departmentRoutes(app, ctx);
  await registerStatic(app);
  return app;
}
