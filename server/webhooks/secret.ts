import crypto from 'node:crypto';

/** A new Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString('base64')}`;
}

/**
 * How a webhook's secret is kept. It signs every delivery, so it must be readable again: it cannot be
 * hashed like a session token. With WEBHOOK_SECRET_KEY set it is sealed with AES-256-GCM under that
 * key (`enc1:` iv, tag, text); without one it is kept as given (`plain:`), and the docs say so.
 */
export interface SecretBox {
  seal(secret: string): string;
  open(stored: string): string;
}

const SEALED = 'enc1:';
const PLAIN = 'plain:';

export function createSecretBox(serverKey: string | undefined): SecretBox {
  // Any length of key text becomes the 32 bytes AES-256 needs; the docs ask for 32 random bytes.
  const key = serverKey ? crypto.createHash('sha256').update(serverKey).digest() : undefined;
  return {
    seal(secret) {
      if (!key) return `${PLAIN}${secret}`;
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const text = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), text].map((part) => part.toString('base64'));
      return `${SEALED}${parts.join(':')}`;
    },
    open(stored) {
      if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
      if (!stored.startsWith(SEALED)) throw new Error('a webhook secret in an unknown form');
      if (!key) throw new Error('a webhook secret is sealed but WEBHOOK_SECRET_KEY is not set');
      const [iv, tag, text] = stored
        .slice(SEALED.length)
        .split(':')
        .map((part) => Buffer.from(part, 'base64'));
      if (!iv || !tag || !text) throw new Error('a sealed webhook secret is cut short');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(text), decipher.final()]).toString('utf8');
    },
  };
}
