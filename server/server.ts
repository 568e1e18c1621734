import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Sequelize } from 'sequelize';
import { systemClock } from './clock';
import type { Clock } from './clock';
import type { Config } from './config';
import type { AppContext } from './context';
import { migrateUp } from './db/migrate';
import { openDatabase } from './db/open';
import type { OpenDatabase } from './db/open';
import { bootstrap } from './bootstrap';
import type { BootstrapResult } from './bootstrap';
import {
  createAccountMail,
  createInvitationSender,
  createUnsubscribeTokens,
  unsubscribeUrl,
} from './channels/email';
import { createHttpApp, DESKTOP_ORIGIN, registerRoutes } from './http/app';
import type { Logger } from './logger';
import { createReceipts } from './notifications/receipts';
import { createDeliveryMetrics } from './notifications/delivery-metrics';
import { createOutboxWorker } from './notifications/worker';
import type { OutboxWorker, OutboxWorkerOptions } from './notifications/worker';
import { closeChannels, createChannels } from './channels';
import { createFollowUpWorker } from './notifications/follow-ups/worker';
import type { FollowUpWorker, FollowUpWorkerOptions } from './notifications/follow-ups/worker';
import { loadVapidKeys } from './push/keys';
import { createEncryptPool } from './push/encrypt-pool';
import { createPushSender } from './push/send';
import type { PushSender } from './push/send';
import { createRealtime } from './realtime/io';
import { createScheduler } from './schedules/scheduler';
import type { Scheduler } from './schedules/scheduler';
import { changeQueueState } from './commands/change-queue-state';
import { republishCalls } from './commands/republish-calls';
import { getOrCreateSetting } from './db/settings';
import { ApiError } from './errors';
import { createLongWaitWorker } from './tickets/long-wait-worker';
import { createRetentionJob } from './privacy/retention-job';
import type { RetentionJob } from './privacy/retention-job';
import type { LongWaitWorker, LongWaitWorkerOptions } from './tickets/long-wait-worker';
import { webhookSettings } from './webhooks/index';
import { createWebhookPoster } from './webhooks/post';
import { createWebhookWorker } from './webhooks/worker';
import type { WebhookWorker, WebhookWorkerOptions } from './webhooks/worker';

/** A webhook delivery attempt's whole exchange, connect to last byte. */
const WEBHOOK_TIMEOUT_MS = 10_000;
import { createMissedAppointmentsWorker } from './tickets/missed-appointments-worker';
import type { MissedAppointmentsWorker } from './tickets/missed-appointments-worker';

/** A timer may fire a hair early; a close within this of its time counts as due. */
const SCHEDULE_TOLERANCE_MS = 1000;

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  http: FastifyInstance;
  firstStart: BootstrapResult;
  outbox: OutboxWorker;
  followUps: FollowUpWorker;
  longWaits: LongWaitWorker;
  webhooks: WebhookWorker;
  missedAppointments: MissedAppointmentsWorker;
  scheduler: Scheduler;
  /** The nightly retention run (03:00 hospital time). */
  retention: RetentionJob;
  close(): Promise<void>;
}

export interface ServerOptions {
  database?: OpenDatabase;
  /** Tests tune the worker (batch size, push timeout) here. */
  worker?: Partial<
    Pick<OutboxWorkerOptions, 'batchSize' | 'concurrency' | 'idleCheckMs' | 'precedenceMaxWaitMs'>
  >;
  pushTimeoutMs?: number;
  clock?: Clock;
  /** Tests tune the email/SMS worker here. */
  followUps?: Partial<Pick<FollowUpWorkerOptions, 'idleCheckMs' | 'batchSize'>>;
  /** Tests tune the long-wait sweep here. */
  longWaits?: Partial<Pick<LongWaitWorkerOptions, 'idleCheckMs'>>;
  /** Tests tune the webhook worker here (a short first retry, a resolver). */
  webhooks?: Partial<Pick<WebhookWorkerOptions, 'retry' | 'idleCheckMs' | 'batchSize' | 'resolve'>>;
}

/** Everything `npm start` runs, in order; tests start the same thing on port 0. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const db = options.database ?? (await openDatabase(config, logger));
  const { sequelize } = db;
  const cleanups: Array<() => Promise<void> | void> = [() => db.close()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const applied = await migrateUp(sequelize);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const firstStart = await bootstrap(sequelize, { seedDemo: config.seedDemo });
    const { vapid, receipts, unsubscribe } = await loadSecrets(sequelize, config);

    const http = await createHttpApp(config, logger);
    cleanups.push(() => http.close());
    const realtime = createRealtime(http.server, sequelize, logger, {
      corsOrigins: [DESKTOP_ORIGIN, ...config.corsOrigins],
      adapterUrl: config.socketAdapter === 'postgres' ? db.url : undefined,
    });
    cleanups.push(() => realtime.close());
    const push = createPush(config, logger, vapid, options.pushTimeoutMs, cleanups);
    // Pushes go out only once the server listens (the worker starts after listen()), by when this is set.
    let listeningPort = config.port;
    const appUrl = () => config.publicUrl ?? `http://localhost:${listeningPort}`;
    const deliveryMetrics = createDeliveryMetrics(() => realtime.io.of('/').adapter.serverCount());
    const channels = createChannels(config);
    cleanups.push(() => closeChannels(channels));
    const followUps = createFollowUpWorker({
      sequelize,
      logger,
      channels,
      appUrl,
      unsubscribeUrl: (userId) => unsubscribeUrl(appUrl(), unsubscribe.sign(userId)),
      onOutcome: deliveryMetrics.channelSend,
      onUnreached: (calls) => calls.forEach((call) => realtime.ticketUnreached(call)),
      onCallsChanged: (calls) =>
        void republishCalls(
          { sequelize, config, realtime },
          calls.map((call) => call.ticketId),
        ).catch((error: unknown) => logger.warn({ err: error }, 'could not tell staff of an escalated call')),
      ...options.followUps,
    });
    const outbox = createOutboxWorker({
      sequelize,
      databaseUrl: db.url,
      logger,
      push,
      receipts,
      appUrl,
      connectedUsers: realtime.connectedUsers,
      emitToUser: realtime.emitToUser,
      batchSize: config.delivery.batchSize,
      leaseSeconds: config.delivery.leaseSeconds,
      onPushOutcome: deliveryMetrics.pushOutcome,
      onSocketSend: () => deliveryMetrics.channelSend('socket', 'sent'),
      emailChannel: channels.email !== undefined,
      // What push did not deliver goes on by email or escalates: the follow-up worker takes it from here.
      recording: { onFollowUps: () => followUps.wake() },
      onNotified: () => followUps.replan(),
      ...options.worker,
    });
    const longWaits = createLongWaitWorker({
      sequelize,
      logger,
      onLongWait: (event) => realtime.ticketLongWait(event),
      ...options.longWaits,
    });
    const clock = options.clock ?? systemClock;
    const webhookPoster = createWebhookPoster(WEBHOOK_TIMEOUT_MS);
    cleanups.push(() => webhookPoster.close());
    const webhooks = createWebhookWorker({
      sequelize,
      databaseUrl: db.url,
      logger,
      clock,
      poster: webhookPoster,
      ...webhookSettings(config),
      leaseSeconds: config.delivery.leaseSeconds,
      ...options.webhooks,
    });
    const missedAppointments = createMissedAppointmentsWorker({
      sequelize,
      logger,
      clock,
      onMissed: (departments) => departments.forEach((code) => realtime.appointmentsChanged(code)),
    });
    // The scheduler runs the same transitions as a nurse, which need the context it is part of.
    const scheduled = (open: boolean) => (code: string) => scheduledChange(ctx, code, open);
    const scheduler = createScheduler({
      sequelize,
      databaseUrl: db.url,
      logger,
      clock,
      timeZone: config.timeZone,
      close: scheduled(false),
      open: scheduled(true),
    });
    const ctx: AppContext = {
      config,
      logger,
      sequelize,
      realtime,
      outbox,
      receipts,
      unsubscribe,
      vapid,
      clock,
      scheduler,
      invitations: config.email && createInvitationSender({ ...config.email, appUrl }),
      accountMail: createAccountMailFor(config, appUrl, cleanups),
      missedAppointments,
    };
    await registerRoutes(http, ctx, deliveryMetrics);
    await http.listen({ port: config.port, host: config.host });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    listeningPort = port;
    await scheduler.start();
    cleanups.push(() => scheduler.stop());
    const retention = createRetentionJob({
      sequelize,
      logger,
      clock,
      timeZone: config.timeZone,
      retentionDays: config.retentionDays,
    });
    retention.start();
    cleanups.push(() => retention.stop());
    if (config.deliveryWorkers) {
      await outbox.start();
      cleanups.push(() => outbox.stop());
      followUps.start();
      cleanups.push(() => followUps.stop());
      longWaits.start();
      cleanups.push(() => longWaits.stop());
      await webhooks.start();
      cleanups.push(() => webhooks.stop());
      missedAppointments.start();
      cleanups.push(() => missedAppointments.stop());
    }

    let closing: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      ctx,
      http,
      firstStart,
      outbox,
      followUps,
      longWaits,
      webhooks,
      missedAppointments,
      scheduler,
      retention,
      close: () => (closing ??= close()),
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/**
 * The VAPID keys, the receipt secret and the unsubscribe secret: from the environment, or made once and
 * kept in the database, so that links in emails already sent keep working after a restart.
 */
async function loadSecrets(
  sequelize: Sequelize,
  config: Config,
): Promise<Pick<AppContext, 'vapid' | 'receipts' | 'unsubscribe'>> {
  const vapid = await loadVapidKeys(sequelize, config);
  const newSecret = () => crypto.randomBytes(32).toString('base64url');
  const secret = await getOrCreateSetting(sequelize, 'receipt_secret', newSecret);
  const unsubscribeSecret = await getOrCreateSetting(sequelize, 'unsubscribe_secret', newSecret);
  return {
    vapid,
    receipts: createReceipts(secret),
    unsubscribe: createUnsubscribeTokens(unsubscribeSecret),
  };
}

/** Account emails (password resets) when SMTP_URL is set, closed with the server. */
function createAccountMailFor(
  config: Config,
  appUrl: () => string,
  cleanups: Array<() => Promise<void> | void>,
): AppContext['accountMail'] {
  if (!config.email) return undefined;
  const { smtpUrl, from } = config.email;
  const mail = createAccountMail(from === undefined ? { smtpUrl, appUrl } : { smtpUrl, from, appUrl });
  cleanups.push(() => mail.close());
  return mail;
}

/** The push sender and its encryption threads, closed with the server. */
function createPush(
  config: Config,
  logger: Logger,
  vapid: AppContext['vapid'],
  timeoutMs: number | undefined,
  cleanups: Array<() => Promise<void> | void>,
): PushSender {
  const encryption = createEncryptPool(config.delivery.encryptThreads, logger);
  cleanups.push(() => encryption.close());
  const push = createPushSender({
    vapid,
    timeoutMs: timeoutMs ?? config.delivery.pushTimeoutMs,
    encrypt: encryption.encrypt,
  });
  cleanups.push(() => push.close());
  return push;
}

/**
 * A scheduled open or close: the nurse's command, a close only when due. Answers what happened, for the
 * log; an archived department's schedules open nothing.
 */
async function scheduledChange(ctx: AppContext, code: string, open: boolean): Promise<string> {
  const dueBy = new Date(ctx.clock.now().getTime() + SCHEDULE_TOLERANCE_MS);
  try {
    const result = await changeQueueState(ctx, {
      department: code,
      open,
      reason: 'schedule',
      userId: null,
      ...(open ? {} : { dueBy }),
    });
    return result.answer.message;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'department_archived') return 'department archived';
    throw error;
  }
}
