import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { IDEMPOTENCY_KEY_HEADER } from '../../shared/api-keys';
import { CONSOLE_VERSION_HEADER, MAX_BODY_BYTES } from '../../shared/constants';
import type { Config } from '../config';
import type { AppContext } from '../context';
import type { Logger } from '../logger';
import type { DeliveryMetrics } from '../notifications/delivery-metrics';
import { answerFrameworkError, installErrorHandling } from './error-handler';
import { requireConsoleVersion } from './console-version';
import { registerFormBodies } from './form-body';
import { forbidCaching } from './no-store';
import { registerRouteTable } from './route-table';
import { registerDocsPage } from './openapi/docs-page';
import { accountHandlers } from './routes/accounts';
import { apiKeyHandlers } from './routes/api-keys';
import { departmentHandlers } from './routes/departments';
import { emailHandlers } from './routes/email';
import { legacyHandlers } from './routes/legacy';
import { notificationHandlers } from './routes/notifications';
import { openApiHandlers } from './routes/openapi';
import { createMetrics, operationsHandlers } from './routes/operations';
import { privacyHandlers } from './routes/privacy';
import { pushHandlers } from './routes/push';
import { queueHandlers } from './routes/queues';
import { registerStatic } from './static';
import { scheduleHandlers } from './routes/schedules';
import { staffHandlers } from './routes/staff';
import { ticketHandlers } from './routes/tickets';
import { webhookHandlers } from './routes/webhooks';
import { appointmentHandlers } from './routes/appointments';
import { guestHandlers } from './routes/guests';

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
  registerFormBodies(app);
  requireConsoleVersion(app, config.consoleMinVersion);
  forbidCaching(app);
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
    allowedHeaders: ['authorization', 'content-type', CONSOLE_VERSION_HEADER, IDEMPOTENCY_KEY_HEADER],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
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
  // Every route of the shared table, each with its handler: the compiler refuses a table entry without one.
  registerRouteTable(
    app,
    {
      ...operationsHandlers(ctx, registry),
      ...accountHandlers(ctx),
      ...departmentHandlers(ctx),
      ...queueHandlers(ctx),
      ...legacyHandlers(ctx),
      ...notificationHandlers(ctx),
      ...pushHandlers(ctx),
      ...emailHandlers(ctx),
      ...ticketHandlers(ctx),
      ...scheduleHandlers(ctx),
      ...staffHandlers(ctx),
      ...privacyHandlers(ctx),
      ...apiKeyHandlers(ctx),
      ...openApiHandlers(),
      ...webhookHandlers(ctx),
      ...guestHandlers(ctx),
      ...appointmentHandlers(ctx),
    },
    ctx,
  );
  await registerDocsPage(app);
  await registerStatic(app);
}
