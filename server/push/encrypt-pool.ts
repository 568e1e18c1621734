import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import { encryptPushPayload, PushPayloadError } from './encrypt';
import type { PushSubscriptionKeys } from './encrypt';
import type { EncryptRequest, EncryptResponse, EncryptResult } from './encrypt-thread';

/**
 * The plaintext is the payload's JSON text. A `priority` message (a call to the room) is encrypted at once
 * on the calling thread: it waits neither for what a fan-out has queued nor for the threads, which run at
 * a lower priority (encrypt-thread.ts).
 */
export type Encrypt = (plaintext: string, keys: PushSubscriptionKeys, priority?: boolean) => Promise<Buffer>;

export interface EncryptPool {
  encrypt: Encrypt;
  /** Threads alive now (they retire on failure, and the work falls back to this thread). */
  threads(): number;
  close(): Promise<void>;
}

/** Encryption on the calling thread: for tests and single-core machines. */
export const inlineEncrypt: Encrypt = async (plaintext, keys) =>
  encryptPushPayload(Buffer.from(plaintext), keys);

const THREAD_ENTRY = new URL(
  `./encrypt-thread${path.extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

/**
 * Run from TypeScript sources (tsx, vitest), a thread needs tsx's loader before it can load its entry;
 * worker threads do not take `--import` here, so a two-line bootstrap registers it first.
 */
function startThread(): Worker {
  if (!THREAD_ENTRY.pathname.endsWith('.ts')) return new Worker(THREAD_ENTRY);
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then(({ register }) => { register(); return import(${JSON.stringify(THREAD_ENTRY.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}

interface Pending {
  resolve(body: Buffer): void;
  reject(error: Error): void;
}

/** At most this many requests per message to a thread: enough to amortise a message, small enough to spread. */
const MAX_PER_MESSAGE = 64;
/** Messages a thread has been sent and not answered yet: a second only when a full one is waiting. */
const MAX_IN_FLIGHT = 2;

interface Lane {
  worker: Worker;
  /** Ids sent to this thread and not answered: they fail over if the thread dies. */
  ids: Set<number>;
  queued: EncryptRequest[];
  inFlight: number;
  flushScheduled: boolean;
}

/**
 * Push encryption (an ECDH key agreement per message) in a few worker threads, so that a fan-out of
 * 100,000 pushes does not hold the event loop that answers HTTP and sockets. Requests go round-robin to
 * the threads. A busy thread gets no more messages until it answers (or a full one is ready); what arrives
 * meanwhile goes in the next message, so a fan-out sends a thread arrays of requests, not one per push
 * (a message costs about as much to send as a request costs to clone). If a thread cannot start (or
 * dies), its work and everything after falls back to this thread.
 */
export function createEncryptPool(size: number, logger: Logger): EncryptPool {
  if (size < 1) return { encrypt: inlineEncrypt, threads: () => 0, close: async () => undefined };
  const pending = new Map<number, Pending>();
  let lanes: Lane[] = [];
  let nextId = 0;
  let turn = 0;

  const retire = (lane: Lane, error: Error) => {
    lanes = lanes.filter((candidate) => candidate !== lane);
    logger.warn({ err: error }, 'push encryption thread stopped; encrypting on the main thread');
    for (const id of lane.ids) pending.get(id)?.reject(error);
    lane.ids.clear();
    lane.queued = [];
  };

  const answer = (lane: Lane, bodies: ArrayBuffer, response: EncryptResult) => {
    lane.ids.delete(response.id);
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (!waiting) return;
    if ('offset' in response) {
      // The thread transferred the bytes: a view on them, no copy.
      waiting.resolve(Buffer.from(bodies, response.offset, response.length));
    } else {
      waiting.reject(
        response.payloadError ? new PushPayloadError(response.error) : new Error(response.error),
      );
    }
  };

  // An idle thread gets what is queued at once; a busy one a second message only once a full one is
  // waiting, otherwise what is queued goes when it answers. So messages are few and full under load.
  const mayPost = (lane: Lane) =>
    lane.queued.length > 0 &&
    (lane.inFlight === 0 || (lane.inFlight < MAX_IN_FLIGHT && lane.queued.length >= MAX_PER_MESSAGE));
  const flush = (lane: Lane) => {
    lane.flushScheduled = false;
    while (mayPost(lane) && lanes.includes(lane)) {
      lane.worker.postMessage(lane.queued.splice(0, MAX_PER_MESSAGE));
      lane.inFlight += 1;
    }
  };

  for (let index = 0; index < size; index++) {
    const lane: Lane = {
      worker: startThread(),
      ids: new Set(),
      queued: [],
      inFlight: 0,
      flushScheduled: false,
    };
    lane.worker.unref();
    lane.worker.on('message', ({ bodies, results }: EncryptResponse) => {
      lane.inFlight -= 1;
      for (const result of results) answer(lane, bodies, result);
      flush(lane);
    });
    lane.worker.on('error', (error) => retire(lane, error));
    lane.worker.on('exit', (code) => {
      if (lanes.includes(lane)) retire(lane, new Error(`encryption thread exited with code ${code}`));
    });
    lanes.push(lane);
  }

  const encrypt: Encrypt = (plaintext, keys, priority = false) => {
    if (priority) return inlineEncrypt(plaintext, keys);
    const lane = lanes[turn++ % Math.max(1, lanes.length)];
    if (!lane) return inlineEncrypt(plaintext, keys);
    const id = nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      lane.ids.add(id);
      lane.queued.push({ id, plaintext, keys });
      // The requests of this event-loop turn go together, unless the thread is busy anyway.
      if (!lane.flushScheduled && mayPost(lane)) {
        lane.flushScheduled = true;
        setImmediate(() => flush(lane));
      }
    }).catch((error: unknown) => {
      if (error instanceof PushPayloadError) throw error;
      // The thread failed, not the message: do it here.
      return inlineEncrypt(plaintext, keys);
    });
  };

  return {
    encrypt,
    threads: () => lanes.length,
    async close() {
      const stopping = lanes;
      lanes = [];
      await Promise.all(stopping.map((lane) => lane.worker.terminate()));
    },
  };
}
