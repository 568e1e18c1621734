import { describe, expect, it } from 'vitest';
import { Handoff } from './handoff';
import type { LeasedRow } from './leased';

const row = (id: number): LeasedRow => ({
  id,
  type: 'queue_opened',
  department: 'OPD',
  title: 'OPD is open',
  body: 'Join now',
  data: {},
  delivery_status: 'pending',
  created_at: new Date(),
  sent_at: null,
  delivered_at: null,
  read_at: null,
  user_id: id,
  push_attempts: 1,
  push_sent_to: [],
  push_enabled: true,
});

describe('Handoff', () => {
  it('hands rows out oldest first, each once', () => {
    const handoff = new Handoff(() => 0);
    handoff.add([row(1), row(2), row(3)], 0, 60);
    expect(handoff.take(2).map((r) => r.id)).toEqual([1, 2]);
    expect(handoff.take(5).map((r) => r.id)).toEqual([3]);
    expect(handoff.take(5)).toEqual([]);
    expect(handoff.size).toBe(0);
  });

  it('never hands out a row with less than half its lease left: the claim path gets it once the lease lapses', () => {
    let now = 0;
    const handoff = new Handoff(() => now);
    handoff.add([row(1)], 0, 60);
    now = 10_000;
    handoff.add([row(2)], now, 60);
    now = 30_000; // row 1 has 30 s of its 60 s lease left: too little to start a batch of sends
    expect(handoff.take(5).map((r) => r.id)).toEqual([2]);
  });

  it('lets expansion wait until fewer rows wait, and releases it on clear', async () => {
    const handoff = new Handoff(() => 0);
    handoff.add([row(1), row(2), row(3)], 0, 60);
    let released = false;
    const waiting = handoff.whenBelow(2).then(() => {
      released = true;
    });
    handoff.take(1);
    await Promise.resolve();
    expect(released).toBe(false);
    handoff.take(1);
    await waiting;
    expect(released).toBe(true);

    const second = handoff.whenBelow(1);
    handoff.clear();
    await second;
    expect(handoff.size).toBe(0);
  });
});
