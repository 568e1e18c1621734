import client from 'prom-client';
import type { PushOutcome } from '../push/send';

/**
 * This process's delivery work, for /metrics: what each process sends, how push services answer, and which
 * other processes it can hand sockets' notifications to.
 */
export interface DeliveryMetrics {
  pushOutcome(kind: PushOutcome['kind']): void;
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
  return {
    pushOutcome: (kind) => pushes.inc({ outcome: kind }),
    register: (registry) => {
      registry.registerMetric(pushes);
      registry.registerMetric(processes);
    },
  };
}
