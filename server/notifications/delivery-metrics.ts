import client from 'prom-client';
import type { PushOutcome } from '../push/send';

/** This process's delivery work, for /metrics: what each process sends, and how push services answer. */
export interface DeliveryMetrics {
  pushOutcome(kind: PushOutcome['kind']): void;
  register(registry: client.Registry): void;
}

export function createDeliveryMetrics(): DeliveryMetrics {
  const pushes = new client.Counter({
    name: 'queuebell_push_requests_total',
    help: 'Web push requests this process sent, by outcome: accepted, retry (429, 5xx, no answer), gone (404/410), rejected.',
    labelNames: ['outcome'],
    registers: [],
  });
  for (const outcome of ['accepted', 'retry', 'gone', 'rejected']) pushes.inc({ outcome }, 0);
  return {
    pushOutcome: (kind) => pushes.inc({ outcome: kind }),
    register: (registry) => registry.registerMetric(pushes),
  };
}
