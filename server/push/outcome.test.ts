import { describe, expect, it } from 'vitest';
import { outcomeForStatus } from './outcome';

const now = Date.UTC(2026, 10, 28, 9, 0, 0);

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
