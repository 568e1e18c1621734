import { describe, expect, it } from 'vitest';
import { createUnsubscribeTokens, unsubscribeUrl } from './unsubscribe';

/** The signed token of an email's unsubscribe link: good for its own user, under its own secret, only. */

const tokens = createUnsubscribeTokens('a test secret');

describe('unsubscribe tokens', () => {
  it('reads back the user a token was signed for', () => {
    for (const userId of [1, 42, 123_456_789]) {
      const token = tokens.sign(userId);
      expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
      expect(tokens.verify(token)).toBe(userId);
    }
  });

  it('refuses a forged or altered mac, and a token signed under another secret', () => {
    const token = tokens.sign(42);
    const mac = token.split('.')[1] ?? '';
    const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(tokens.verify(`42.${flipped}`)).toBeNull();
    expect(tokens.verify(`42.${'A'.repeat(43)}`)).toBeNull();
    expect(tokens.verify(`42.${mac.slice(0, 42)}`)).toBeNull();
    expect(tokens.verify(createUnsubscribeTokens('another secret').sign(42))).toBeNull();
  });

  it("refuses one user's mac with another user's id", () => {
    const mac = tokens.sign(42).split('.')[1] ?? '';
    expect(tokens.verify(`43.${mac}`)).toBeNull();
    expect(tokens.verify(`042.${mac}`)).toBeNull();
  });

  it('refuses garbage', () => {
    const garbage = [
      '',
      '.',
      '42',
      '42.',
      '.abc',
      'abc.def',
      '-1.x',
      '0.x',
      '1e3.x',
      ' 42.x',
      'x'.repeat(5_000),
    ];
    for (const token of garbage) expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(`${'9'.repeat(20)}.${'A'.repeat(43)}`)).toBeNull();
  });

  it('makes the link under the app address, whether or not it ends in a slash', () => {
    const token = tokens.sign(7);
    const expected = `https://queue.example.org/api/email/unsubscribe?token=${token}`;
    expect(unsubscribeUrl('https://queue.example.org', token)).toBe(expected);
    expect(unsubscribeUrl('https://queue.example.org/', token)).toBe(expected);
  });
});
