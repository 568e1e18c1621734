import { describe, expect, it } from 'vitest';
import { Handoff, notifiedIds } from './handoff';

describe('Handoff', () => {
  it('hands ids out oldest first, each once', () => {
    const handoff = new Handoff();
    handoff.add([1, 2, 3]);
    handoff.add([4]);
    expect(handoff.take(2)).toEqual([1, 2]);
    expect(handoff.take(5)).toEqual([3, 4]);
    expect(handoff.take(5)).toEqual([]);
    expect(handoff.size).toBe(0);
  });

  it('keeps order and size across compaction of a long run', () => {
    const handoff = new Handoff();
    handoff.add(Array.from({ length: 10_000 }, (_, index) => index + 1));
    let next = 1;
    while (handoff.size > 0) {
      for (const id of handoff.take(166)) expect(id).toBe(next++);
    }
    expect(next).toBe(10_001);
  });
});

describe('notifiedIds', () => {
  it('reads the ids of a NOTIFY naming new rows, and nothing from any other payload', () => {
    expect(notifiedIds('ids:12,345,6')).toEqual([12, 345, 6]);
    expect(notifiedIds('ids:')).toEqual([]);
    expect(notifiedIds('many')).toEqual([]);
    expect(notifiedIds('fanout')).toEqual([]);
    expect(notifiedIds(undefined)).toEqual([]);
    expect(notifiedIds('ids:7,x,-1,1e400')).toEqual([7]);
  });
});

describe('waiting for ids', () => {
  it('wakes whoever waits when ids are added, not for an empty add', async () => {
    const handoff = new Handoff();
    let woken = 0;
    void handoff.added().then(() => woken++);
    handoff.add([]);
    await Promise.resolve();
    expect(woken).toBe(0);
    handoff.add([7]);
    await Promise.resolve();
    expect(woken).toBe(1);
    expect(handoff.take(5)).toEqual([7]);
  });

  it('lets a wait end without ids and leaves no waiter behind', async () => {
    const handoff = new Handoff();
    for (let pass = 0; pass < 100; pass++) await handoff.added(Promise.resolve());
    expect(handoff.waiters).toBe(0);
    let woken = false;
    let end = () => undefined as void;
    const waited = handoff.added(new Promise<void>((resolve) => (end = resolve))).then(() => (woken = true));
    expect(handoff.waiters).toBe(1);
    end();
    await waited;
    expect(woken).toBe(true);
    expect(handoff.waiters).toBe(0);
  });
});
