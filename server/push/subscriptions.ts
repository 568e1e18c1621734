import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { PushSubscriptionBody } from '../../shared/notifications';
import { ApiError } from '../errors';

/** Push services browsers use; anything else must be listed in PUSH_ALLOWED_ORIGINS. */
const KNOWN_PUSH_HOSTS = [
  /^fcm\.googleapis\.com$/,
  /^android\.googleapis\.com$/,
  /^updates\.push\.services\.mozilla\.com$/,
  /^([a-z0-9-]+\.)*push\.services\.mozilla\.com$/,
  /^web\.push\.apple\.com$/,
  /^([a-z0-9-]+\.)*push\.apple\.com$/,
  /^([a-z0-9-]+\.)*notify\.windows\.com$/,
];

const invalidEndpoint = (message: string) =>
  new ApiError(400, 'invalid_push_endpoint', message, [{ path: 'body.endpoint', message }]);
const invalidKey = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The push subscription keys are not valid.', [{ path, message }]);

/**
 * A subscription's endpoint is a URL this server will POST to, so only https on a known push service (or
 * an origin the operator allowed) is accepted: no internal hosts, no other schemes, no credentials.
 */
export function checkEndpoint(endpoint: string, allowedOrigins: string[]): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalidEndpoint('must be an absolute https URL of a push service');
  }
  if (url.username || url.password) throw invalidEndpoint('must not contain credentials');
  if (allowedOrigins.some((origin) => safeOrigin(origin) === url.origin)) return url;
  if (url.protocol !== 'https:') throw invalidEndpoint('must use https');
  if (url.port !== '') throw invalidEndpoint('must not name a port');
  if (!KNOWN_PUSH_HOSTS.some((host) => host.test(url.hostname))) {
    throw invalidEndpoint(`${url.hostname} is not a known push service`);
  }
  return url;
}

function safeOrigin(origin: string): string | undefined {
  try {
    return new URL(origin).origin;
  } catch {
    return undefined;
  }
}

/** p256dh must be an uncompressed point on P-256 (65 bytes); auth a 16-byte secret. */
export function checkKeys(keys: PushSubscriptionBody['keys']): void {
  const p256dh = decodeBase64Url(keys.p256dh);
  if (!p256dh || p256dh.length !== 65 || p256dh[0] !== 4) {
    throw invalidKey('body.keys.p256dh', 'must be a 65-byte uncompressed P-256 public key, base64url');
  }
  try {
    crypto.createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: p256dh.subarray(1, 33).toString('base64url'),
        y: p256dh.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw invalidKey('body.keys.p256dh', 'is not a point on the P-256 curve');
  }
  const auth = decodeBase64Url(keys.auth);
  if (!auth || auth.length !== 16) throw invalidKey('body.keys.auth', 'must be 16 bytes, base64url');
}

function decodeBase64Url(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value.replace(/=+$/, ''), 'base64url');
}

/** Idempotent by endpoint: a browser re-subscribing (or a device changing hands) updates the one row. */
export async function saveSubscription(
  sequelize: Sequelize,
  userId: number,
  body: PushSubscriptionBody,
): Promise<void> {
  await sequelize.query(
    `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES (:userId, :endpoint, :p256dh, :auth)
     ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
       auth = excluded.auth, updated_at = now()`,
    { replacements: { userId, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth } },
  );
}

export async function deleteSubscription(
  sequelize: Sequelize,
  userId: number,
  endpoint: string,
): Promise<void> {
  await sequelize.query(`DELETE FROM push_subscriptions WHERE user_id = :userId AND endpoint = :endpoint`, {
    replacements: { userId, endpoint },
  });
}
