import { createHash } from 'node:crypto';
import { Agent, request } from 'node:https';
import { PushPayloadError } from './encrypt';
import { inlineEncrypt } from './encrypt-pool';
import type { Encrypt } from './encrypt-pool';
import type { PushSubscriptionKeys } from './encrypt';
import { outcomeForStatus } from './outcome';
import type { PushOutcome } from './outcome';
import { createVapidSigner } from './vapid';
import type { VapidConfig } from './vapid';

export type { PushOutcome } from './outcome';

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushTarget {
  endpoint: string;
  keys: PushSubscriptionKeys;
}

export interface PushSendOptions {
  /** How long the push service keeps the message for an offline device. */
  ttlSeconds: number;
  urgency?: PushUrgency;
  /** Messages with the same topic replace each other while undelivered; any string, shortened if needed. */
  topic?: string;
}

export interface PushSender {
  /** Never throws for a network or push service problem: every failure is an outcome. */
  send(subscription: PushTarget, payload: object, opts: PushSendOptions): Promise<PushOutcome>;
  /** Closes the kept-alive connections. */
  close(): void;
}

export interface PushSenderOptions {
  vapid: VapidConfig;
  /** Per request, from getting a connection to the end of the answer. Default 10 s. */
  timeoutMs?: number;
  now?: () => number;
  /** Concurrent connections per push service origin. Default 64. */
  maxSockets?: number;
  /** Where the RFC 8291 encryption runs (a thread pool in the server); default: this thread. */
  encrypt?: Encrypt;
}

type RawResult =
  { status: number; retryAfter: string | undefined; body: string } | { error: Error; stale: boolean };

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_ERROR_BODY_BYTES = 1024;

/** RFC 8030 §5.4 allows 32 base64url characters; longer or other topics are hashed into that. */
export function toPushTopic(topic: string): string {
  if (TOPIC.test(topic)) return topic;
  return createHash('sha256').update(topic).digest('base64url').slice(0, 32);
}

export function createPushSender(options: PushSenderOptions): PushSender {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const encrypt = options.encrypt ?? inlineEncrypt;
  const signer = createVapidSigner({ ...options.vapid, now });
  // Default CAs, which include NODE_EXTRA_CA_CERTS: no push service gets a relaxed certificate check.
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });

  function post(url: URL, headers: Record<string, string>, body: Buffer): Promise<RawResult> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (result: RawResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const fail = (error: Error): void =>
        // A kept-alive socket the service closed meanwhile fails before anything was processed.
        settle({ error, stale: req.reusedSocket && 'code' in error && error.code === 'ECONNRESET' });

      const req = request(url, { method: 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ERROR_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          const text = Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
          settle({ status: res.statusCode ?? 0, retryAfter, body: text });
        });
        res.on('error', fail);
      });
      // The clock starts with a connection, so sends queued behind maxSockets are not timed out by the queue.
      req.on('socket', () => {
        timer ??= setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      req.on('error', fail);
      req.on('close', () => fail(new Error('connection closed before an answer')));
      req.end(body);
    });
  }

  async function send(
    subscription: PushTarget,
    payload: object,
    opts: PushSendOptions,
  ): Promise<PushOutcome> {
    if (!Number.isFinite(opts.ttlSeconds) || opts.ttlSeconds < 0) {
      throw new RangeError(`ttlSeconds must be a non-negative number, got ${opts.ttlSeconds}`);
    }
    let url: URL;
    try {
      url = new URL(subscription.endpoint);
    } catch {
      return { kind: 'rejected', error: 'endpoint is not a URL' };
    }
    if (url.protocol !== 'https:') return { kind: 'rejected', error: 'endpoint is not https' };
    let body: Buffer;
    try {
      body = await encrypt(Buffer.from(JSON.stringify(payload)), subscription.keys);
    } catch (error) {
      if (error instanceof PushPayloadError) return { kind: 'rejected', error: error.message };
      throw error;
    }
    const headers: Record<string, string> = {
      TTL: String(Math.floor(opts.ttlSeconds)),
      Urgency: opts.urgency ?? 'normal',
      'Content-Encoding': 'aes128gcm',
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(body.length),
      Authorization: signer.authorizationFor(url.origin),
    };
    if (opts.topic !== undefined) headers.Topic = toPushTopic(opts.topic);

    let result = await post(url, headers, body);
    if ('error' in result && result.stale) result = await post(url, headers, body);
    if ('error' in result) return { kind: 'retry', error: result.error.message };
    return outcomeForStatus(result.status, result.retryAfter, result.body, now());
  }

  return { send, close: () => agent.destroy() };
}
