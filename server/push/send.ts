import { createHash } from 'node:crypto';
import { errors, Pool } from 'undici';
import { PushPayloadError } from './encrypt';
import { inlineEncrypt } from './encrypt-pool';
import type { Encrypt } from './encrypt-pool';
import type { PushSubscriptionKeys } from './encrypt';
import { outcomeForStatus } from './outcome';
import type { PushOutcome } from './outcome';
import { createVapidSigner } from './vapid';
import type { VapidConfig } from './vapid';
import { PUSH_SLOW_START, SlowStart } from './slow-start';

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
  /**
   * Connections per origin kept for `high` urgency pushes (a call to the room), beside `maxSockets`, so
   * that a call does not queue behind a fan-out's pushes for a connection. Default 4.
   */
  prioritySockets?: number;
  /** Where the RFC 8291 encryption runs (a thread pool in the server); default: this thread. */
  encrypt?: Encrypt;
}

type RawResult =
  { status: number; retryAfter: string | undefined; body: string } | { error: Error; stale: boolean };

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_ERROR_BODY_BYTES = 1024;

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * A failed request as a result. A connection the push service closed ("other side closed", a reset) is
 * most often a kept-alive one it dropped while idle, before reading our request: worth one more try.
 */
function failure(error: unknown, timeoutMs: number): RawResult {
  if (!(error instanceof Error)) return { error: new Error(String(error)), stale: false };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code && TIMEOUT_CODES.has(code)) {
    return { error: new Error(`no answer within ${timeoutMs} ms`), stale: false };
  }
  const stale = error instanceof errors.SocketError || code === 'ECONNRESET';
  return { error, stale };
}

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
  const maxSockets = options.maxSockets ?? 64;
  // One pool of kept-alive connections per push service origin. undici writes a request in one go, which
  // halved the client's and the push service's cost per push against node:https. Default CAs, which
  // include NODE_EXTRA_CA_CERTS: no push service gets a relaxed certificate check.
  const pools = new Map<string, Pool>();
  // A fan-out's requests per push service origin, opened gradually (slow-start.ts); a call's go on their own.
  const starts = new Map<string, SlowStart>();
  const slowStartFor = (origin: string): SlowStart => {
    let start = starts.get(origin);
    if (!start) {
      start = new SlowStart({ ...PUSH_SLOW_START, max: maxSockets });
      starts.set(origin, start);
    }
    return start;
  };
  const poolFor = (origin: string, priority: boolean): Pool => {
    const key = `${priority ? 'priority ' : ''}${origin}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = new Pool(origin, {
        connections: priority ? (options.prioritySockets ?? 4) : maxSockets,
        // The clocks start with a connection, so sends queued behind `connections` are not timed out by
        // the queue.
        connectTimeout: timeoutMs,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      pools.set(key, pool);
    }
    return pool;
  };

  async function post(
    url: URL,
    headers: Record<string, string>,
    body: Buffer,
    priority: boolean,
  ): Promise<RawResult> {
    try {
      const response = await poolFor(url.origin, priority).request({
        method: 'POST',
        path: `${url.pathname}${url.search}`,
        headers,
        body,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        if (size < MAX_ERROR_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      }
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        body: Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8'),
      };
    } catch (error) {
      return failure(error, timeoutMs);
    }
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
    const priority = opts.urgency === 'high';
    let body: Buffer;
    try {
      body = await encrypt(JSON.stringify(payload), subscription.keys, priority);
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

    const postOnce = () => post(url, headers, body, priority);
    const postGradually = () => (priority ? postOnce() : slowStartFor(url.origin).run(postOnce));
    let result = await postGradually();
    if ('error' in result && result.stale) result = await postGradually();
    if ('error' in result) return { kind: 'retry', error: result.error.message };
    return outcomeForStatus(result.status, result.retryAfter, result.body, now());
  }

  return {
    send,
    close() {
      for (const pool of pools.values()) void pool.destroy();
      pools.clear();
    },
  };
}
