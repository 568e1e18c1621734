import crypto from 'node:crypto';
import type { UnsubscribeTokens } from '../../context';

/** `<userId>.<mac>`: a positive id of at most 15 digits, and a whole base64url SHA-256 HMAC (43 chars). */
const TOKEN_SHAPE = /^([1-9][0-9]{0,14})\.([A-Za-z0-9_-]{43})$/;

/**
 * An email's one-click unsubscribe link works without signing in, so it carries its user's id with an
 * HMAC of it under a server secret: a token is good for that one user only and cannot be made for another.
 * The purpose is part of what is signed, so the same secret could never sign something else by accident.
 */
export function createUnsubscribeTokens(secret: string): UnsubscribeTokens {
  const mac = (userId: number) =>
    crypto.createHmac('sha256', secret).update(`email-unsubscribe:${userId}`).digest('base64url');
  return {
    sign: (userId) => `${userId}.${mac(userId)}`,
    verify(token) {
      const match = TOKEN_SHAPE.exec(token);
      if (!match?.[1] || !match[2]) return null;
      const userId = Number(match[1]);
      const expected = Buffer.from(mac(userId));
      const given = Buffer.from(match[2]);
      return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? userId : null;
    },
  };
}

/** The link of an email's `List-Unsubscribe` header and footer: a POST to it turns email off. */
export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/api/email/unsubscribe?token=${encodeURIComponent(token)}`;
}

export type { UnsubscribeTokens };
