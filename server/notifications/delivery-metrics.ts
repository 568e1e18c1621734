import client from 'prom-client';
import { CHANNELS } from '../../shared/notifications';
import type { ChannelName } from '../../shared/notifications';
import type { ChannelOutcome } from '../channels/types';
import type { PushOutcome } from '../push/send';

/** A push request's outcome as a channel send: a gone or rejected subscription is a failed send. */
const PUSH_AS_CHANNEL: Record<PushOutcome['kind'], ChannelOutcome['kind']> = {
  accepted: 'sent',
  retry: 'retry',
  gone: 'failed',
  rejected: 'failed',
};

/**
 * This process's delivery work, for /metrics: what each process sends, how push services answer, and which
 * other processes it can hand sockets' notifications to.
 */
export interface DeliveryMetrics {
  pushOutcome(kind: PushOutcome['kind']): void;
  /** An email or text sent, to be retried, or failed; a notification emitted to a socket. */
  channelSend(channel: ChannelName, outcome: ChannelOutcome['kind']): void;
  register(registry: client.Registry): void;
}

/**
 * `serverCount`: the processes this one knows of, itself included. A process learns of another from its
 * heartbeats, so one that just started may not know the others yet, and cannot hand them notifications.
 */
export function createDeliveryMetrics(serverCount: () => Promise<number>): DeliveryMetrics {
  const processes = new client.Gauge({
    name: 'queuebell_cluster_processes',
    help: 'Server processes this one knows of through the Socket.IO adapter, itself included (1 without a cluster).',
    registers: [],
    async collect() {
      this.set(await serverCount());
    },
  });
  const pushes = new client.Counter({
    name: 'queuebell_push_requests_total',
    help: 'Web push requests this process sent, by outcome: accepted, retry (429, 5xx, no answer), gone (404/410), rejected.',
    labelNames: ['outcome'],
    registers: [],
  });
  for (const outcome of ['accepted', 'retry', 'gone', 'rejected']) pushes.inc({ outcome }, 0);
  const sends = new client.Counter({
    name: 'queuebell_channel_sends_total',
    help: 'Sends this process made on each channel (socket, push, email, sms), by outcome: sent, retry, failed.',
    labelNames: ['channel', 'outcome'],
    registers: [],
  });
  for (const channel of CHANNELS)
    for (const outcome of ['sent', 'retry', 'failed']) sends.inc({ channel, outcome }, 0);
  return {
    pushOutcome: (kind) => {
      pushes.inc({ outcome: kind });
      sends.inc({ channel: 'push', outcome: PUSH_AS_CHANNEL[kind] });
    },
    channelSend: (channel, outcome) => sends.inc({ channel, outcome }),
    register: (registry) => {
      registry.registerMetric(sends);
      registry.registerMetric(pushes);
      registry.registerMetric(processes);
    },
  };
}
