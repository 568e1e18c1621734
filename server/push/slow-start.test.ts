import { afterEach, describe, expect, it, vi } from 'vitest';
import { SlowStart } from './slow-start';

/** A request the test answers when it likes, on a clock the test moves. */
function harness(options: { initial: number; max: number }) {
  let clock = 0;
  const start = new SlowStart({
    ...options,
    step: 2,
    intervalMs: 100,
    slowMs: 20,
    idleMs: 1_000,
    now: () => clock,
  });
  let running = 0;
  const answers: Array<() => void> = [];
  const request = () =>
    start.run(
      () =>
        new Promise<void>((resolve) => {
          running++;
          answers.push(() => {
            running--;
            resolve();
          });
        }),
    );
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    start,
    request,
    running: () => running,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Answers the oldest request in flight. */
    async answerOne() {
      answers.shift()?.();
      await flush();
    },
    flush,
  };
}

describe('SlowStart', () => {
  it('sends at most its initial count at once, the rest as answers come', async () => {
    const h = harness({ initial: 3, max: 10 });
    const all = Array.from({ length: 5 }, () => h.request());
    await h.flush();
    expect(h.running()).toBe(3);
    await h.answerOne();
    expect(h.running()).toBe(3);
    for (let index = 0; index < 4; index++) await h.answerOne();
    await Promise.all(all);
    expect(h.running()).toBe(0);
  });

  it('grows a step for each interval a slow service kept every slot taken, up to its maximum', async () => {
    const h = harness({ initial: 2, max: 5 });
    const all = Array.from({ length: 40 }, () => h.request());
    await h.flush();
    for (let round = 0; round < 6; round++) {
      h.advance(60); // each answer took 60 ms: a slow service
      await h.answerOne();
      h.advance(60);
      await h.answerOne();
    }
    expect(h.start.current).toBe(5);
    expect(h.running()).toBe(5);
    while (h.running() > 0) await h.answerOne();
    await Promise.all(all);
  });

  it('stays small for a service that answers fast, and starts again after an idle while', async () => {
    const h = harness({ initial: 2, max: 8 });
    const first = Array.from({ length: 100 }, () => h.request());
    await h.flush();
    while (h.running() > 0) {
      h.advance(5); // with 2 in flight, each request answered within 10 ms: fast
      await h.answerOne();
    }
    await Promise.all(first);
    expect(h.start.current).toBe(2);
    // A slow spell grows it; an idle second later it is back to where it began.
    const slow = Array.from({ length: 20 }, () => h.request());
    await h.flush();
    for (let round = 0; round < 4; round++) {
      h.advance(120);
      await h.answerOne();
    }
    expect(h.start.current).toBeGreaterThan(2);
    while (h.running() > 0) await h.answerOne();
    await Promise.all(slow);
    h.advance(1_001);
    const after = h.request();
    await h.flush();
    expect(h.start.current).toBe(2);
    await h.answerOne();
    await after;
  });

  describe('with a service that holds every slot and answers nothing', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('still grows, each interval, up to its maximum', async () => {
      vi.useFakeTimers();
      const start = new SlowStart({
        initial: 2,
        max: 6,
        step: 2,
        intervalMs: 100,
        slowMs: 20,
        idleMs: 1_000,
        now: () => Date.now(),
      });
      let running = 0;
      const hung = Array.from({ length: 10 }, () =>
        start.run(() => {
          running++;
          return new Promise<void>(() => undefined);
        }),
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(running).toBe(2);
      await vi.advanceTimersByTimeAsync(100);
      expect(running).toBe(4);
      await vi.advanceTimersByTimeAsync(200);
      expect(running).toBe(6);
      expect(start.current).toBe(6);
      expect(hung).toHaveLength(10);
    });
  });
});
