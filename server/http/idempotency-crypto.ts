import crypto from 'node:crypto';

/**
 * The answers kept for `Idempotency-Key` may hold a secret shown once (a generated password, an API key's
 * secret), so they are stored encrypted (AES-256-GCM) with a key derived from the Idempotency-Key and the
 * caller. The Idempotency-Key itself is stored only hashed: the database alone cannot read an answer.
 */

const INFO = 'queuebell idempotency answer';

export function hashIdempotencyKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

/** What a request is, for "the same request again": method, URL and the parsed body. */
export function hashRequest(method: string, url: string, body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

function answerKey(idempotencyKey: string, caller: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', idempotencyKey, caller, INFO, 32));
}

/** iv (12 bytes) | tag (16 bytes) | ciphertext. */
export function sealAnswer(idempotencyKey: string, caller: string, answer: unknown): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', answerKey(idempotencyKey, caller), iv);
  const text = Buffer.concat([cipher.update(JSON.stringify(answer ?? null), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), text]);
}

export function openAnswer(idempotencyKey: string, caller: string, sealed: Buffer): unknown {
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    answerKey(idempotencyKey, caller),
    sealed.subarray(0, 12),
  );
  decipher.setAuthTag(sealed.subarray(12, 28));
  const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as unknown;
}
