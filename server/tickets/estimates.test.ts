import { describe, expect, it } from 'vitest';
import { estimateRange } from './estimates';

describe('estimateRange', () => {
  it('widens with the spread of service times', () => {
    const narrow = estimateRange(3, [9, 11], 1);
    const wide = estimateRange(3, [4, 20], 1);
    expect(narrow).toEqual({ low: 27, high: 33 });
    expect(wide).toEqual({ low: 12, high: 60 });
  });

  it('is shared among the rooms calling and never collapses to one number', () => {
    expect(estimateRange(4, [10, 10], 2)).toEqual({ low: 20, high: 21 });
  });

  it('is null until there is a spread to draw from', () => {
    expect(estimateRange(2, null, 1)).toBeNull();
  });
});
