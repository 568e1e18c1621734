import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { MAX_BODY_BYTES } from '../../shared/constants';
import type { Config } from '../config';
import type { AppContext } from '../context';
import type { Logger } from '../logger';
import type { DeliveryMetrics } from '../notifications/delivery-metrics';
import { answerFrameworkError, installErrorHandling } from './error-handler';
import { accountRoutes } from './routes/accounts';
import { departmentRoutes } from './routes/departments';
import { legacyRoutes } from './routes/legacy';
import { notificationRoutes } from './routes/notifications';
import { createMetrics, operationsRoutes } from './routes/operations';
import { pushRoutes } from './routes/push';
import { queueRoutes } from './routes/queues';
import { registerStatic } from './static';
import { scheduleRoutes } from './routes/schedules';
import { ticketRoutes } from './routes/tickets';

export const DESKTOP_ORIGIN = 'app://queuebell';

/** The Fastify instance with error format, limits and headers; routes come later, once the context exists. */
export async function createHttpApp(config: Config, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify's logger type is narrower than pino's; the instance is the same pino logger.
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: MAX_BODY_BYTES,
    // One line per request is noise at info level; debug and trace show them.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
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
  // The desktop console's pages come from app://queuebell; other origins only when the operator lists them.
  await app.register(cors, {
    origin: [DESKTOP_ORIGIN, ...config.corsOrigins],
    allowedHeaders: ['authorization', 'content-type'],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    maxAge: 600,
  });
  return app;
}

export async function registerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  delivery?: DeliveryMetrics,
): Promise<void> {
  const registry = createMetrics(app);
  delivery?.register(registry);
  operationsRoutes(app, ctx, registry);
  accountRoutes(app, ctx);
  departmentRoutes(app, ctx);
  queueRoutes(app, ctx);
  legacyRoutes(app, ctx);
  notificationRoutes(app, ctx);
  pushRoutes(app, ctx);
  ticketRoutes(app, ctx);
  scheduleRoutes(app, ctx);
  await registerStatic(app);
}
