import { describe, expect, it } from 'vitest';
import { MAX_PUSH_ATTEMPTS, nextAttemptDelayMs } from './backoff';

const lowest = () => 0;
const highest = () => 1 - Number.EPSILON;

describe('nextAttemptDelayMs', () => {
  it('doubles the jitter window from 2 s per attempt', () => {
    expect(nextAttemptDelayMs(1, undefined, highest)).toBe(1_999);
    expect(nextAttemptDelayMs(2, undefined, highest)).toBe(3_999);
    expect(nextAttemptDelayMs(3, undefined, highest)).toBe(7_999);
    expect(nextAttemptDelayMs(1, undefined, () => 0.5)).toBe(1_000);
  });

  it('uses full jitter: the delay can be anything from zero to the window', () => {
    expect(nextAttemptDelayMs(5, undefined, lowest)).toBe(0);
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const window = Math.min(600_000, 2_000 * 2 ** (attempt - 1));
      for (const r of [0, 0.1, 0.5, 0.9, 1 - Number.EPSILON]) {
        const delay = nextAttemptDelayMs(attempt, undefined, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(window);
      }
    }
  });

  it('never exceeds 10 minutes, even for absurd attempt numbers', () => {
    expect(nextAttemptDelayMs(10, undefined, highest)).toBe(599_999);
    expect(nextAttemptDelayMs(5_000, undefined, highest)).toBe(599_999);
  });

  it('treats attempts below 1 as the first', () => {
    expect(nextAttemptDelayMs(0, undefined, highest)).toBe(1_999);
    expect(nextAttemptDelayMs(-3, undefined, highest)).toBe(1_999);
  });

  it('never retries sooner than Retry-After', () => {
    expect(nextAttemptDelayMs(1, 30_000, lowest)).toBe(30_000);
    expect(nextAttemptDelayMs(1, 30_000, highest)).toBe(30_000);
    expect(nextAttemptDelayMs(12, 30_000, highest)).toBe(599_999);
    expect(nextAttemptDelayMs(1, 0, lowest)).toBe(0);
  });

  it('caps an absurd Retry-After at one hour', () => {
    expect(nextAttemptDelayMs(1, 7 * 24 * 3_600_000, lowest)).toBe(3_600_000);
  });

  it('bounds the number of attempts', () => {
    expect(MAX_PUSH_ATTEMPTS).toBe(6);
  });
});
