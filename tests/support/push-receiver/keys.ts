import { createECDH, createHash, randomBytes } from 'node:crypto';
import type { ECDH } from 'node:crypto';

/** What a browser's `PushSubscription.toJSON()` gives, which is what the PWA posts to the server. */
export interface BrowserPushSubscription {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

/** The user agent's secrets for one subscription: what the receiver needs to decrypt. */
export interface SubscriptionSecrets {
  ecdh: ECDH;
  authSecret: Buffer;
}

const ENDPOINT_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isEndpointId(id: string): boolean {
  return ENDPOINT_ID.test(id);
}

export function randomSecrets(): SubscriptionSecrets {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, authSecret: randomBytes(16) };
}

function sha256(...parts: string[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest();
}

/**
 * Keys derived from (seed, endpoint id) alone, so a benchmark parent and a receiver in another process
 * agree on 100k subscriptions without exchanging them.
 */
export function deterministicSecrets(seed: string, endpointId: string): SubscriptionSecrets {
  const ecdh = createECDH('prime256v1');
  // A SHA-256 digest is a valid P-256 scalar except with probability ~2^-32; rehash in that case.
  for (let round = 0; ; round += 1) {
    try {
      ecdh.setPrivateKey(sha256('p256dh', seed, endpointId, String(round)));
      break;
    } catch {
      if (round > 8) throw new Error(`cannot derive a P-256 key for ${endpointId}`);
    }
  }
  return { ecdh, authSecret: sha256('auth', seed, endpointId).subarray(0, 16) };
}

export function toBrowserSubscription(
  origin: string,
  endpointId: string,
  secrets: SubscriptionSecrets,
): BrowserPushSubscription {
  return {
    endpoint: `${origin}/push/${endpointId}`,
    expirationTime: null,
    keys: {
      p256dh: secrets.ecdh.getPublicKey().toString('base64url'),
      auth: secrets.authSecret.toString('base64url'),
    },
  };
}

/** The subscription a receiver started with `seed` accepts for `id`, computed without the receiver. */
export function deterministicSubscription(opts: {
  origin: string;
  seed: string;
  id: string;
}): BrowserPushSubscription {
  if (!isEndpointId(opts.id)) throw new Error(`endpoint id must match ${ENDPOINT_ID}: ${opts.id}`);
  return toBrowserSubscription(opts.origin, opts.id, deterministicSecrets(opts.seed, opts.id));
}
