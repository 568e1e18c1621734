import { EventEmitter } from 'node:events';
import type { Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import { listen } from '../db/listener';
import type { Listener } from '../db/listener';
import type { Logger } from '../logger';
import { coalesce } from '../util/coalesce';
import { claimDeliveries, nextDueInMs } from './claim';
import type { ClaimedDelivery } from './claim';
import { sendDelivery } from './deliver';
import type { SendDeps } from './deliver';
import { DEFAULT_RETRY, recordAttempt } from './record';
import type { RetryPolicy } from './record';

export const WEBHOOKS_CHANNEL = 'webhook_deliveries';

export interface WebhookWorkerOptions extends SendDeps {
  sequelize: Sequelize;
  databaseUrl: string;
  logger: Logger;
  clock: Clock;
  leaseSeconds: number;
  batchSize?: number;
  retry?: RetryPolicy;
  /** Longest sleep between passes, to pick up leases that ran out and rows of a missed NOTIFY. */
  idleCheckMs?: number;
}

export interface WebhookWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
  wake(): void;
  /** 'attempt' with the delivery and its outcome after each attempt is recorded. */
  events: EventEmitter;
}

/**
 * Delivers webhook events from their outbox: woken by the NOTIFY that `webhook_emit()` sends on commit,
 * at the next due time, and every idleCheckMs. Each pass claims due deliveries and sends them together;
 * the claim's lease keeps another process from sending them meanwhile.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { sequelize, logger, clock } = options;
  const batch = options.batchSize ?? 20;
  const policy = options.retry ?? DEFAULT_RETRY;
  const idleMs = options.idleCheckMs ?? 10_000;
  const events = new EventEmitter();
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let listener: Listener | undefined;

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const outcome = await sendDelivery(options, delivery);
    const { deactivated } = await recordAttempt(sequelize, delivery, outcome, { now: clock.now(), policy });
    if (deactivated) {
      logger.warn({ webhookId: delivery.webhook_id }, 'webhook turned off: every delivery failed for 3 days');
    }
    events.emit('attempt', delivery, outcome);
  }

  async function pass(): Promise<void> {
    while (!stopped) {
      const claimed = await claimDeliveries(sequelize, {
        batch,
        leaseSeconds: options.leaseSeconds,
        now: clock.now(),
      });
      if (claimed.length === 0) return;
      await Promise.all(claimed.map(attempt));
    }
  }

  async function scheduleNext(): Promise<void> {
    const due = await nextDueInMs(sequelize, clock.now()).catch(() => undefined);
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(wake, due === undefined ? idleMs : Math.min(Math.max(due, 0) + 5, idleMs));
    timer.unref();
  }

  const runner = coalesce(
    async () => {
      await pass();
      if (!stopped) await scheduleNext();
    },
    (error) => {
      logger.error({ err: error }, 'webhook delivery pass failed; will retry');
      if (!stopped) void scheduleNext();
    },
  );
  runner.stop();
  const wake = () => runner.trigger();

  return {
    events,
    wake,
    async start() {
      stopped = false;
      runner.start();
      listener = await listen({
        databaseUrl: options.databaseUrl,
        channel: WEBHOOKS_CHANNEL,
        logger,
        onNotify: wake,
      });
      wake();
    },
    async stop() {
      stopped = true;
      runner.stop();
      clearTimeout(timer);
      await listener?.close();
      await runner.settled();
    },
  };
}
