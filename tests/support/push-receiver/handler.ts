import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import ece from 'http_ece';
import type { createBehaviours } from './behaviour';
import type { SubscriptionSecrets } from './keys';
import type { ReceivedPush, ReceiverState } from './types';
import type { createVapidChecker } from './vapid-check';

// RFC 8030 §7.2: push services must accept 4096 bytes of body and may refuse more with 413.
const MAX_BODY_BYTES = 4096;
const SALT_RS_IDLEN_BYTES = 21;
const P256_POINT_BYTES = 65;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const PUSH_PATH = /^\/push\/([A-Za-z0-9_-]{1,128})$/;

/** Epoch milliseconds with a fraction, comparable across the processes of one machine. */
const preciseNow = () => performance.timeOrigin + performance.now();

export interface HandlerDeps {
  origin: string;
  state: ReceiverState;
  behaviours: ReturnType<typeof createBehaviours>;
  vapid: ReturnType<typeof createVapidChecker>;
  /** null: no such subscription (404). 'skip': accept without decrypting (count-only mode). */
  secretsFor(endpointId: string): SubscriptionSecrets | 'skip' | null;
  onAccepted(message: ReceivedPush | null): void;
  /** Every push request, answered or not yet (a hanging one included). */
  onRequest(): void;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Keeps draining past the limit so the answer can be a clean 413 on a reusable connection.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new Refusal(413, `body of ${size} bytes exceeds ${MAX_BODY_BYTES}`);
  return Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function pushHeaders(req: IncomingMessage): ReceivedPush['headers'] {
  const ttlText = header(req, 'ttl');
  if (ttlText === undefined) throw new Refusal(400, 'missing TTL header');
  if (!/^\d+$/.test(ttlText)) throw new Refusal(400, `TTL ${ttlText} is not a non-negative integer`);
  const urgency = header(req, 'urgency');
  if (urgency !== undefined && !URGENCIES.has(urgency)) throw new Refusal(400, `Urgency ${urgency}`);
  const topic = header(req, 'topic');
  if (topic !== undefined && !TOPIC.test(topic)) throw new Refusal(400, `Topic ${topic}`);
  return { ttl: Number(ttlText), urgency, topic };
}

function decryptPayload(body: Buffer, secrets: SubscriptionSecrets): unknown {
  const keyIdLength = body[20];
  // RFC 8291 §4: keyid is the sender's 65-byte ephemeral public key, and the message is one record.
  if (keyIdLength !== P256_POINT_BYTES) throw new Refusal(400, `keyid length ${keyIdLength}`);
  const recordSize = body.readUInt32BE(16);
  if (recordSize < body.length - SALT_RS_IDLEN_BYTES - P256_POINT_BYTES)
    throw new Refusal(400, 'several records');
  let plaintext: Buffer;
  try {
    plaintext = ece.decrypt(body, {
      version: 'aes128gcm',
      privateKey: secrets.ecdh,
      authSecret: secrets.authSecret,
    });
  } catch (error) {
    throw new Refusal(400, `cannot decrypt: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new Refusal(400, 'decrypted payload is not JSON');
  }
}

export function createPushHandler(deps: HandlerDeps) {
  const { state } = deps;

  function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
    const body = status >= 400 ? JSON.stringify({ status }) : '';
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
  }

  async function acceptPush(req: IncomingMessage, res: ServerResponse, endpointId: string): Promise<void> {
    const arrivedAtMs = preciseNow();
    state.requestsTotal += 1;
    state.requestsByEndpoint.set(endpointId, (state.requestsByEndpoint.get(endpointId) ?? 0) + 1);
    deps.onRequest();
    const body = await readBody(req);
    const secrets = deps.secretsFor(endpointId);
    if (secrets === null) throw new Refusal(404, 'no such subscription');
    const headers = pushHeaders(req);
    const authorization = header(req, 'authorization') ?? '';
    const vapidFailure = await deps.vapid.check(authorization);
    if (vapidFailure) throw new Refusal(vapidFailure.status, `VAPID: ${vapidFailure.reason}`);
    if (header(req, 'content-encoding') !== 'aes128gcm')
      throw new Refusal(415, 'Content-Encoding is not aes128gcm');
    const payload = secrets === 'skip' ? null : decryptPayload(body, secrets);

    const behaviour = deps.behaviours.take(endpointId);
    if ('hang' in behaviour) return; // never answered; close() drops the connection
    if ('drop' in behaviour) {
      req.socket.destroy();
      return;
    }
    if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    const extra: Record<string, string> = {};
    if ('retryAfter' in behaviour && behaviour.retryAfter !== undefined) {
      extra['retry-after'] = String(behaviour.retryAfter);
    }
    if (behaviour.status >= 200 && behaviour.status < 300) {
      extra.location = `${deps.origin}/message/${randomBytes(12).toString('base64url')}`;
      state.acceptedTotal += 1;
      const message =
        secrets === 'skip'
          ? null
          : {
              endpointId,
              payload,
              headers,
              authorization,
              receivedAt: new Date(),
              arrivedAtMs,
              acceptedAtMs: preciseNow(),
            };
      if (message) state.received.push(message);
      deps.onAccepted(message);
    }
    answer(res, behaviour.status, extra);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const endpointId = PUSH_PATH.exec(path)?.[1] ?? null;
    const refuse = (status: number, reason: string): void => {
      state.rejected.push({ endpointId, status, reason, at: new Date() });
      if (!res.headersSent) answer(res, status);
    };
    if (req.method === 'GET' && serveReadout(req, res, state)) return;
    if (!endpointId) return refuse(404, `no push resource at ${path}`);
    if (req.method !== 'POST') return refuse(405, `${req.method} on a push resource`);
    acceptPush(req, res, endpointId).catch((error: unknown) => {
      if (error instanceof Refusal) return refuse(error.status, error.message);
      refuse(500, `receiver bug: ${error instanceof Error ? error.stack : String(error)}`);
    });
  };
}

/**
 * GET /stats: the counters (`receivedTotal`: accepted pushes that were decrypted and kept). GET
 * /received?from=N: those kept pushes from the Nth on, with their times, for another process to match.
 * Answers whether the request was one of these.
 */
function serveReadout(req: IncomingMessage, res: ServerResponse, state: ReceiverState): boolean {
  const url = new URL(req.url ?? '/', 'https://receiver.invalid');
  let body: unknown;
  if (url.pathname === '/stats') {
    const { acceptedTotal, requestsTotal, rejected, received } = state;
    body = { acceptedTotal, requestsTotal, rejectedTotal: rejected.length, receivedTotal: received.length };
  } else if (url.pathname === '/received') {
    const from = Math.max(0, Number(url.searchParams.get('from')) || 0);
    body = state.received.slice(from).map(({ endpointId, payload, arrivedAtMs, acceptedAtMs }) => ({
      endpointId,
      payload,
      arrivedAtMs,
      acceptedAtMs,
    }));
  } else {
    return false;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}
