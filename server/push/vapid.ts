import { createECDH, createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import webpush from 'web-push';

import type { VapidConfig } from '../context';

/** The server's VAPID identity (RFC 8292): base64url P-256 keys and a mailto: or https: contact. */
export type { VapidConfig };

export interface VapidSigner {
  /** The `Authorization` header value for a push service origin (or any URL on it). */
  authorizationFor(endpointOrigin: string): string;
}

export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { publicKey, privateKey };
}

// RFC 8292 allows at most 24 h; 12 h leaves room for clock skew at the push service.
const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
// A token is replaced this long before it expires, so none is in flight when it lapses.
const RENEW_BEFORE_EXPIRY_SECONDS = 60 * 60;
// Push services are a handful of origins; the bound only stops a misconfiguration from growing the map.
const MAX_CACHED_ORIGINS = 256;

function signingKey(config: VapidConfig): KeyObject {
  const publicKey = Buffer.from(config.publicKey, 'base64url');
  const privateKey = Buffer.from(config.privateKey, 'base64url');
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) {
    throw new Error('VAPID public key must be a base64url uncompressed P-256 point (65 bytes)');
  }
  if (privateKey.length !== 32) throw new Error('VAPID private key must be 32 base64url bytes');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  // A mismatched pair signs tokens that every push service refuses; fail at start-up instead.
  if (!ecdh.getPublicKey().equals(publicKey))
    throw new Error('VAPID public key does not match the private key');
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: publicKey.subarray(1, 33).toString('base64url'),
      y: publicKey.subarray(33).toString('base64url'),
      d: config.privateKey,
    },
  });
}

function checkSubject(subject: string): void {
  if (!/^(mailto:.+|https:\/\/.+)$/.test(subject))
    throw new Error('VAPID subject must be a mailto: or https: URL');
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs VAPID JWTs (ES256) and keeps one per push service origin until shortly before it expires:
 * signing costs about a millisecond, which matters when a queue opening fans out to thousands.
 */
export function createVapidSigner(config: VapidConfig & { now?: () => number }): VapidSigner {
  checkSubject(config.subject);
  const key = signingKey(config);
  const now = config.now ?? Date.now;
  const cache = new Map<string, { header: string; exp: number }>();

  function sign256(audience: string, exp: number): string {
    const input = `${base64url({ typ: 'JWT', alg: 'ES256' })}.${base64url({ aud: audience, exp, sub: config.subject })}`;
    // JWS wants the raw r||s signature, not DER.
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  return {
    authorizationFor(endpointOrigin) {
      const audience = new URL(endpointOrigin).origin;
      const nowSeconds = Math.floor(now() / 1000);
      const cached = cache.get(audience);
      if (cached && nowSeconds < cached.exp - RENEW_BEFORE_EXPIRY_SECONDS) return cached.header;
      const exp = nowSeconds + TOKEN_LIFETIME_SECONDS;
      const header = `vapid t=${sign256(audience, exp)}, k=${config.publicKey}`;
      if (cache.size >= MAX_CACHED_ORIGINS && !cache.has(audience)) cache.clear();
      cache.set(audience, { header, exp });
      return header;
    },
  };
}
