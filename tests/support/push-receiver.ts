import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createBehaviours } from './push-receiver/behaviour';
import type { BehaviourTarget, PushBehaviour } from './push-receiver/behaviour';
import { createPushHandler } from './push-receiver/handler';
import {
  deterministicSecrets,
  isEndpointId,
  randomSecrets,
  toBrowserSubscription,
} from './push-receiver/keys';
import type { BrowserPushSubscription, SubscriptionSecrets } from './push-receiver/keys';
import type { ReceivedPush, ReceiverState, RejectedPush } from './push-receiver/types';
import { createVapidChecker } from './push-receiver/vapid-check';
import { loadTestTls } from './test-tls';

export type { BehaviourTarget, PushBehaviour } from './push-receiver/behaviour';
export { deterministicSubscription } from './push-receiver/keys';
export type { BrowserPushSubscription } from './push-receiver/keys';
export type { ReceivedPush, RejectedPush } from './push-receiver/types';

export interface PushReceiverOptions {
  /** Refuse (403) pushes whose VAPID `k` is not this base64url public key. */
  expectedVapidPublicKey?: string;
  /**
   * Derive every subscription's keys from (seed, endpoint id), and accept any endpoint id, so another
   * process can compute the subscriptions with deterministicSubscription().
   */
  seed?: string;
  /** false: accept without decrypting or recording messages, only count them (benchmarks). Default true. */
  decrypt?: boolean;
  /**
   * With decrypt false, still decrypt and record the pushes to endpoint ids that start with this: the few
   * patients a benchmark times among the many it only counts.
   */
  decryptPrefix?: string;
  /** Default: the certificate from createTestTls(), via QB_TEST_TLS_DIR. */
  tls?: { cert: string; key: string };
  port?: number;
}

/** What a test waits for: a number of accepted pushes, or one push matching a predicate. */
export type WaitCondition = number | ((message: ReceivedPush) => boolean);

export interface PushReceiver {
  /** https://127.0.0.1:PORT, the VAPID audience and the origin to list in PUSH_ALLOWED_ORIGINS. */
  readonly origin: string;
  /** Accepted (2xx) pushes, decrypted, oldest first. With decrypt false, only those of decryptPrefix. */
  readonly received: readonly ReceivedPush[];
  /** Requests refused as invalid: a correct sender makes none. */
  readonly rejected: readonly RejectedPush[];
  /** A browser-like PushSubscription.toJSON() at this receiver; `id` is required to be stable with a seed. */
  subscriptionFor(id?: string): BrowserPushSubscription;
  /** The endpoint id in a subscription's endpoint URL. */
  endpointIdOf(endpoint: string): string;
  /** Resolves with all received pushes (count) or the matching ones (predicate) once satisfied. */
  waitFor(condition: WaitCondition, timeoutMs?: number): Promise<ReceivedPush[]>;
  /** Resolves once `check` holds; checked again on every request (answered or hanging) and every push. */
  waitUntil(check: () => boolean, timeoutMs?: number): Promise<void>;
  /** `target`: an endpoint id or endpoint URL, or 'all'. */
  setBehaviour(target: BehaviourTarget, behaviour: PushBehaviour): void;
  /** POST requests received, valid or not, for one endpoint (id or URL) or in total. */
  requestCount(endpoint?: string): number;
  acceptedCount(): number;
  close(): Promise<void>;
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export async function startPushReceiver(opts: PushReceiverOptions = {}): Promise<PushReceiver> {
  const { seed, decrypt = true, decryptPrefix } = opts;
  const decrypts = (endpointId: string) =>
    decrypt || (decryptPrefix !== undefined && endpointId.startsWith(decryptPrefix));
  const state: ReceiverState = {
    received: [],
    rejected: [],
    acceptedTotal: 0,
    requestsTotal: 0,
    requestsByEndpoint: new Map(),
  };
  const secrets = new Map<string, SubscriptionSecrets>();
  const behaviours = createBehaviours();
  const waiters = new Set<Waiter>();
  let nextSeededId = 0;

  const server = createServer(opts.tls ?? loadTestTls());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function secretsFor(endpointId: string): SubscriptionSecrets | 'skip' | null {
    if (seed === undefined && !secrets.has(endpointId)) return null;
    if (!decrypts(endpointId)) return 'skip';
    let found = secrets.get(endpointId);
    if (!found && seed !== undefined) {
      found = deterministicSecrets(seed, endpointId);
      secrets.set(endpointId, found);
    }
    return found ?? null;
  }

  function settleWaiters(): void {
    for (const waiter of waiters) waiter.check();
  }

  server.on(
    'request',
    createPushHandler({
      origin,
      state,
      behaviours,
      vapid: createVapidChecker({ audience: origin, expectedPublicKey: opts.expectedVapidPublicKey }),
      secretsFor,
      onAccepted: settleWaiters,
      onRequest: settleWaiters,
    }),
  );

  const endpointIdOf = (endpoint: string): string => {
    const prefix = `${origin}/push/`;
    return endpoint.startsWith(prefix) ? endpoint.slice(prefix.length) : endpoint;
  };

  function subscriptionFor(id?: string): BrowserPushSubscription {
    if (seed !== undefined) {
      const endpointId = id ?? `s${nextSeededId++}`;
      if (!isEndpointId(endpointId))
        throw new Error(`endpoint id must be base64url characters: ${endpointId}`);
      return toBrowserSubscription(origin, endpointId, deterministicSecrets(seed, endpointId));
    }
    // The caller's id only labels the endpoint for debugging; every call makes a new subscription.
    const label = id ? `${id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 48)}-` : '';
    const endpointId = label + randomBytes(12).toString('base64url');
    const fresh = randomSecrets();
    secrets.set(endpointId, fresh);
    return toBrowserSubscription(origin, endpointId, fresh);
  }

  function waitFor(condition: WaitCondition, timeoutMs = 5_000): Promise<ReceivedPush[]> {
    if (typeof condition === 'function' && !decrypt && decryptPrefix === undefined) {
      return Promise.reject(new Error('waitFor(predicate) needs decrypt: true; wait for a count instead'));
    }
    return waitForResult(() => {
      if (typeof condition === 'number') return state.acceptedTotal >= condition ? [...state.received] : null;
      const matches = state.received.filter(condition);
      return matches.length > 0 ? matches : null;
    }, timeoutMs);
  }

  /** Re-checked on every request and every accepted push: no polling. */
  function waitForResult<T>(satisfied: () => T | null, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check() {
          const result = satisfied();
          if (!result) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(result);
        },
        fail(error) {
          clearTimeout(timer);
          waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const rejections = state.rejected.map((r) => `${r.status} ${r.reason}`).join('; ') || 'none';
        waiter.fail(
          new Error(
            `push receiver: condition not met within ${timeoutMs} ms ` +
              `(${state.acceptedTotal} accepted, ${state.requestsTotal} requests, rejections: ${rejections})`,
          ),
        );
      }, timeoutMs);
      waiters.add(waiter);
      waiter.check();
    });
  }

  return {
    origin,
    get received() {
      return state.received;
    },
    get rejected() {
      return state.rejected;
    },
    subscriptionFor,
    endpointIdOf,
    waitFor,
    waitUntil: (check, timeoutMs = 5_000) =>
      waitForResult(() => (check() ? true : null), timeoutMs).then(() => undefined),
    setBehaviour: (target, behaviour) =>
      behaviours.set(target === 'all' ? target : endpointIdOf(target), behaviour),
    requestCount: (endpoint) =>
      endpoint === undefined
        ? state.requestsTotal
        : (state.requestsByEndpoint.get(endpointIdOf(endpoint)) ?? 0),
    acceptedCount: () => state.acceptedTotal,
    async close() {
      for (const waiter of waiters) waiter.fail(new Error('push receiver closed'));
      // Hanging requests ('hang' behaviour) would otherwise keep close() waiting forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
