import { createCipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import type { ECDH } from 'node:crypto';

/** The keys of a browser's PushSubscription.toJSON(), base64url. */
export interface PushSubscriptionKeys {
  p256dh: string;
  auth: string;
}

const RECORD_SIZE = 4096;
const HEADER_BYTES = 16 + 4 + 1 + 65;
const TAG_BYTES = 16;
// RFC 8291 §4: push services need only accept 4096 bytes of body; one record, one delimiter byte.
export const MAX_PUSH_PLAINTEXT_BYTES = RECORD_SIZE - HEADER_BYTES - TAG_BYTES - 1;

export class PushPayloadError extends Error {}

function decodeKeys(keys: PushSubscriptionKeys): { uaPublic: Buffer; authSecret: Buffer } {
  const uaPublic = Buffer.from(keys.p256dh, 'base64url');
  const authSecret = Buffer.from(keys.auth, 'base64url');
  if (uaPublic.length !== 65 || uaPublic[0] !== 0x04) {
    throw new PushPayloadError('p256dh is not an uncompressed P-256 point');
  }
  if (authSecret.length !== 16) throw new PushPayloadError('auth is not 16 bytes');
  return { uaPublic, authSecret };
}

/**
 * HKDF-SHA-256 (RFC 5869) for outputs of at most one hash (32 bytes), all RFC 8291 needs: extract, then
 * one expand block `HMAC(prk, info || 0x01)`. Two HMACs cost less than `hkdfSync`, which builds key
 * objects on every call, a cost that adds up over a fan-out of many thousand pushes.
 */
function hkdf(salt: Buffer, ikm: Buffer, info: Buffer | string, length: number): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk).update(info).update(ONE).digest().subarray(0, length);
}
const ONE = Buffer.of(1);

/**
 * RFC 8291 (aes128gcm) encryption of one push message, written on node:crypto so that the test receiver's
 * decryption with http_ece checks it against an independent implementation.
 * `fixed` pins the salt and ephemeral key, only to reproduce the RFC's test vector.
 */
export function encryptPushPayload(
  plaintext: Buffer,
  keys: PushSubscriptionKeys,
  fixed?: { salt: Buffer; senderKey: ECDH },
): Buffer {
  if (plaintext.length > MAX_PUSH_PLAINTEXT_BYTES) {
    throw new PushPayloadError(`payload of ${plaintext.length} bytes exceeds ${MAX_PUSH_PLAINTEXT_BYTES}`);
  }
  const { uaPublic, authSecret } = decodeKeys(keys);
  const senderKey = fixed?.senderKey ?? createECDH('prime256v1');
  if (!fixed) senderKey.generateKeys();
  const salt = fixed?.salt ?? randomBytes(16);
  const asPublic = senderKey.getPublicKey();

  let sharedSecret: Buffer;
  try {
    sharedSecret = senderKey.computeSecret(uaPublic);
  } catch {
    throw new PushPayloadError('p256dh is not a point on P-256');
  }
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = hkdf(authSecret, sharedSecret, keyInfo, 32);
  const contentKey = hkdf(salt, ikm, 'Content-Encoding: aes128gcm\0', 16);
  const nonce = hkdf(salt, ikm, 'Content-Encoding: nonce\0', 12);

  const cipher = createCipheriv('aes-128-gcm', contentKey, nonce);
  // 0x02 marks the last (only) record, with no further padding.
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.update(Buffer.of(2)), cipher.final()]);
  const header = Buffer.alloc(HEADER_BYTES - 65);
  salt.copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header.writeUInt8(asPublic.length, 20);
  return Buffer.concat([header, asPublic, ciphertext, cipher.getAuthTag()]);
}
