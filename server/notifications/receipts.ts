import crypto from 'node:crypto';
import type { Receipts } from '../context';

/**
 * A push carries a receipt so the service worker can confirm delivery without a token: an HMAC of the
 * notification id under a server secret, so a receipt is good for that one notification only.
 */
export function createReceipts(secret: string): Receipts {
  const sign = (id: number) =>
    crypto.createHmac('sha256', secret).update(`notification:${id}`).digest('base64url').slice(0, 32);
  return {
    sign,
    verify(id: number, receipt: string): boolean {
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(receipt);
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    },
  };
}
export type { Receipts };
