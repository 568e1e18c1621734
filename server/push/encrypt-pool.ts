import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import { encryptPushPayload, PushPayloadError } from './encrypt';
import type { PushSubscriptionKeys } from './encrypt';
import type { EncryptRequest, EncryptResponse } from './encrypt-thread';

export type Encrypt = (plaintext: Buffer, keys: PushSubscriptionKeys) => Promise<Buffer>;

export interface EncryptPool {
  encrypt: Encrypt;
  /** Threads alive now (they retire on failure, and the work falls back to this thread). */
  threads(): number;
  close(): Promise<void>;
}

/** Encryption on the calling thread: for tests and single-core machines. */
export const inlineEncrypt: Encrypt = async (plaintext, keys) => encryptPushPayload(plaintext, keys);

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

/**
 * Push encryption (an ECDH key agreement per message) in a few worker threads, so that a fan-out of
 * 100,000 pushes does not hold the event loop that answers HTTP and sockets. The requests of one
 * event-loop turn are queued per thread and posted together (flushed in `setImmediate`), round-robin;
 * if a thread cannot start (or dies), its work and everything after falls back to this thread.
 */
export function createEncryptPool(size: number, logger: Logger): EncryptPool {
  if (size < 1) return { encrypt: inlineEncrypt, threads: () => 0, close: async () => undefined };
  const pending = new Map<number, Pending>();
  const byThread = new Map<Worker, Set<number>>();
  const queued = new Map<Worker, EncryptRequest[]>();
  let workers: Worker[] = [];
  let nextId = 0;
  let turn = 0;
  let flushScheduled = false;

  const retire = (worker: Worker, error: Error) => {
    workers = workers.filter((candidate) => candidate !== worker);
    logger.warn({ err: error }, 'push encryption thread stopped; encrypting on the main thread');
    for (const id of byThread.get(worker) ?? []) pending.get(id)?.reject(error);
    byThread.delete(worker);
    queued.delete(worker);
  };

  const answer = (worker: Worker, response: EncryptResponse) => {
    byThread.get(worker)?.delete(response.id);
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (!waiting) return;
    if ('body' in response) waiting.resolve(Buffer.from(response.body));
    else
      waiting.reject(
        response.payloadError ? new PushPayloadError(response.error) : new Error(response.error),
      );
  };

  const flush = () => {
    flushScheduled = false;
    for (const [worker, requests] of queued) {
      for (let start = 0; start < requests.length; start += MAX_PER_MESSAGE) {
        worker.postMessage(requests.slice(start, start + MAX_PER_MESSAGE));
      }
    }
    queued.clear();
  };

  for (let index = 0; index < size; index++) {
    const worker = startThread();
    worker.unref();
    byThread.set(worker, new Set());
    worker.on('message', (responses: EncryptResponse[]) => {
      for (const response of responses) answer(worker, response);
    });
    worker.on('error', (error) => retire(worker, error));
    worker.on('exit', (code) => {
      if (workers.includes(worker)) retire(worker, new Error(`encryption thread exited with code ${code}`));
    });
    workers.push(worker);
  }

  const encrypt: Encrypt = (plaintext, keys) => {
    const worker = workers[turn++ % Math.max(1, workers.length)];
    if (!worker) return inlineEncrypt(plaintext, keys);
    const id = nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      byThread.get(worker)?.add(id);
      const forThread = queued.get(worker) ?? [];
      forThread.push({ id, plaintext, keys });
      queued.set(worker, forThread);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    }).catch((error: unknown) => {
      if (error instanceof PushPayloadError) throw error;
      // The thread failed, not the message: do it here.
      return inlineEncrypt(plaintext, keys);
    });
  };

  return {
    encrypt,
    threads: () => workers.length,
    async close() {
      const stopping = workers;
      workers = [];
      await Promise.all(stopping.map((worker) => worker.terminate()));
    },
  };
}
