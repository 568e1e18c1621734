import { EventEmitter } from 'node:events';
import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '../../shared/webhooks';
import { startHttpStub } from './sms-receivers/stub';
import type { StubAnswer, StubRequest } from './sms-receivers/stub';

/** A request whose signature verified: its Standard Webhooks id and timestamp, the body, when it came. */
export interface ReceivedEvent {
  webhookId: string;
  timestamp: number;
  payload: WebhookPayload;
  receivedAt: number;
  answeredWith: number | 'hang';
}

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT: list it in WEBHOOK_ALLOWED_ORIGINS. */
  readonly origin: string;
  readonly url: string;
  /** Verified requests, oldest first, whatever they were answered. */
  readonly received: readonly ReceivedEvent[];
  /** Requests whose signature did not verify (answered 401). */
  readonly rejected: readonly StubRequest[];
  /** The `whsec_` secret the server answered when the webhook was created. */
  useSecret(secret: string): void;
  /** How verified requests are answered from now on; default 204. */
  answerWith(answer: StubAnswer): void;
  /** Answers the next verified requests with these, once each. */
  answerNext(...answers: StubAnswer[]): void;
  /** Resolves once `count` verified requests match, with them. */
  waitFor(count: number, match?: (event: ReceivedEvent) => boolean): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

/**
 * A hospital system receiving Queuebell's webhooks, as a real one would: it verifies every request with
 * the standardwebhooks package and its own copy of the secret before taking it.
 */
export async function startWebhookReceiver(path = '/hooks/queuebell'): Promise<WebhookReceiver> {
  let webhook: Webhook | undefined;
  const received: ReceivedEvent[] = [];
  const rejected: StubRequest[] = [];
  const queued: StubAnswer[] = [];
  let reply: StubAnswer = { status: 204 };
  const events = new EventEmitter();
  const stub = await startHttpStub((request) => {
    let payload: unknown;
    try {
      if (!webhook) throw new Error('no secret yet');
      payload = webhook.verify(request.body, request.headers);
    } catch {
      rejected.push(request);
      events.emit('request');
      return { status: 401, body: 'invalid signature' };
    }
    const answer = queued.shift() ?? reply;
    received.push({
      webhookId: request.headers['webhook-id'] ?? '',
      timestamp: Number(request.headers['webhook-timestamp']),
      payload: payload as WebhookPayload,
      receivedAt: Date.now(),
      answeredWith: answer === 'hang' ? 'hang' : answer.status,
    });
    events.emit('request');
    return answer;
  });
  return {
    origin: stub.origin,
    url: `${stub.origin}${path}`,
    received,
    rejected,
    useSecret(secret) {
      webhook = new Webhook(secret);
    },
    answerWith(answer) {
      reply = answer;
    },
    answerNext: (...answers) => queued.push(...answers),
    waitFor: (count, match = () => true) =>
      new Promise((resolve) => {
        const check = () => {
          const found = received.filter(match);
          if (found.length < count) return;
          events.off('request', check);
          resolve(found);
        };
        events.on('request', check);
        check();
      }),
    close: () => stub.close(),
  };
}
