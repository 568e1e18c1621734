import { describe, expect, it } from 'vitest';
import { outcomeForStatus, parseRetryAfter } from './outcome';

const now = Date.UTC(2026, 10, 28, 9, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:01:30 GMT', now)).toBe(90_000);
  });

  it('treats a past date as now and ignores garbage', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('outcomeForStatus', () => {
  it('classifies push service answers', () => {
    expect(outcomeForStatus(201, undefined, '', now)).toEqual({ kind: 'accepted', status: 201 });
    expect(outcomeForStatus(202, undefined, '', now)).toEqual({ kind: 'accepted', status: 202 });
    expect(outcomeForStatus(410, undefined, '', now)).toEqual({ kind: 'gone', status: 410 });
    expect(outcomeForStatus(503, '5', '', now)).toEqual({ kind: 'retry', status: 503, retryAfterMs: 5_000 });
    expect(outcomeForStatus(408, undefined, '', now)).toEqual({ kind: 'retry', status: 408 });
    expect(outcomeForStatus(413, undefined, 'too big', now)).toEqual({
      kind: 'rejected',
      status: 413,
      error: 'push service answered 413: too big',
    });
  });
});
