import { EventEmitter } from 'node:events';
import { Webhook } from 'standardwebhooks';
import { startHttpStub } from './stub';
import type { StubAnswer, StubRequest } from './stub';

/** A text the gateway accepted: its Standard Webhooks id and timestamp, and the JSON it carried. */
export interface GatewayText {
  webhookId: string;
  timestamp: number;
  payload: { id: number; to: string; body: string };
  contentType: string | undefined;
}

export interface SmsGatewayReceiver {
  /** The URL to configure as SMS_WEBHOOK_URL. */
  readonly url: string;
  /** Requests with a valid signature, oldest first, whatever they were answered. */
  readonly received: readonly GatewayText[];
  /** Verified requests answered 2xx: the texts the gateway took. */
  readonly accepted: readonly GatewayText[];
  /** Requests refused (401) because their signature did not verify with this receiver's secret. */
  readonly rejected: readonly StubRequest[];
  /** How verified requests are answered from now on; default 202. */
  answerWith(answer: StubAnswer): void;
  /** Answers the next verified requests with these, once each, before going back to answerWith's. */
  answerNext(...answers: StubAnswer[]): void;
  /** The same, for the next requests whose text matches only. */
  answerMatching(match: (payload: GatewayText['payload']) => boolean, ...answers: StubAnswer[]): void;
  /** Resolves with the first text of this notification that was answered 2xx. */
  waitForTextOf(notificationId: number): Promise<GatewayText>;
  /** Resolves once `count` verified requests were answered 2xx in all, with those requests. */
  waitForTexts(count: number): Promise<GatewayText[]>;
  close(): Promise<void>;
}

/**
 * A hospital's SMS gateway as the contract describes it: it verifies every request per Standard
 * Webhooks with its own `whsec_` secret, as a real one would, before taking the text.
 */
export async function startSmsGateway(options: { secret: string }): Promise<SmsGatewayReceiver> {
  const webhook = new Webhook(options.secret);
  const received: GatewayText[] = [];
  const rejected: StubRequest[] = [];
  let reply: StubAnswer = { status: 202 };
  const queued: Array<{ match: (payload: GatewayText['payload']) => boolean; answer: StubAnswer }> = [];
  const accepted: GatewayText[] = [];
  const events = new EventEmitter();
  const stub = await startHttpStub((request) => {
    let payload: unknown;
    try {
      payload = webhook.verify(request.body, request.headers);
    } catch {
      rejected.push(request);
      return { status: 401, body: 'invalid signature' };
    }
    const text: GatewayText = {
      webhookId: request.headers['webhook-id'] ?? '',
      timestamp: Number(request.headers['webhook-timestamp']),
      payload: payload as GatewayText['payload'],
      contentType: request.headers['content-type'],
    };
    received.push(text);
    const next = queued.findIndex((entry) => entry.match(text.payload));
    const answer = next === -1 ? reply : (queued.splice(next, 1)[0]?.answer ?? reply);
    if (answer !== 'hang' && answer.status < 300) {
      accepted.push(text);
      events.emit('accepted');
    }
    return answer;
  });
  return {
    url: `${stub.origin}/sms`,
    received,
    accepted,
    rejected,
    answerWith(answer) {
      reply = answer;
    },
    answerNext: (...answers) => queued.push(...answers.map((answer) => ({ match: () => true, answer }))),
    answerMatching: (match, ...answers) => queued.push(...answers.map((answer) => ({ match, answer }))),
    waitForTextOf: (notificationId) =>
      new Promise((resolve) => {
        const check = () => {
          const text = accepted.find((candidate) => candidate.payload.id === notificationId);
          if (!text) return;
          events.off('accepted', check);
          resolve(text);
        };
        events.on('accepted', check);
        check();
      }),
    waitForTexts: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (accepted.length < count) return;
          events.off('accepted', check);
          resolve(accepted.slice(0, count));
        };
        events.on('accepted', check);
        check();
      }),
    close: () => stub.close(),
  };
}
