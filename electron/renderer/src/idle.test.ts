import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECK_INTERVAL_MS, REPORT_INTERVAL_MS, idleMinutesFrom, watchIdle } from './idle';

const MINUTE = 60_000;

/** The console window, for input: Node's own EventTarget, so listeners are added and removed for real. */
let target: EventTarget;
const input = (type = 'keydown') => target.dispatchEvent(new Event(type));

beforeEach(() => {
  vi.useFakeTimers();
  target = new EventTarget();
});
afterEach(() => vi.useRealTimers());

describe('the idle lock', () => {
  it('fires once the idle time has passed without input, and not before', () => {
    const onIdle = vi.fn();
    watchIdle({ idleMinutes: 15, target, onIdle });
    vi.advanceTimersByTime(15 * MINUTE - CHECK_INTERVAL_MS);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    expect(onIdle).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('counts keyboard, mouse and touch input as use, each one starting the idle time over', () => {
    const onIdle = vi.fn();
    watchIdle({ idleMinutes: 15, target, onIdle });
    for (const type of ['keydown', 'pointermove', 'pointerdown', 'wheel', 'touchstart']) {
      vi.advanceTimersByTime(14 * MINUTE);
      input(type);
    }
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15 * MINUTE);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('ignores events that are not input (a live update re-rendering, a focus change)', () => {
    const onIdle = vi.fn();
    watchIdle({ idleMinutes: 1, target, onIdle });
    vi.advanceTimersByTime(30_000);
    input('focus');
    input('visibilitychange');
    vi.advanceTimersByTime(30_000);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('locks on time after the PC slept, when the timers did not run', () => {
    const onIdle = vi.fn();
    watchIdle({ idleMinutes: 15, target, onIdle });
    // The wall clock moves an hour while no timer fires; the next check sees it.
    vi.setSystemTime(Date.now() + 60 * MINUTE);
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('passes activity on at most every half minute, and stops listening once stopped or fired', () => {
    const onActivity = vi.fn();
    const onIdle = vi.fn();
    const stop = watchIdle({ idleMinutes: 15, target, onIdle, onActivity });
    input();
    input();
    expect(onActivity).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(REPORT_INTERVAL_MS);
    input();
    expect(onActivity).toHaveBeenCalledTimes(2);

    stop();
    vi.advanceTimersByTime(REPORT_INTERVAL_MS);
    input();
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onActivity).toHaveBeenCalledTimes(2);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it("reads the server's idle time from its /api/me answer when it names a usable one", () => {
    const user = { id: 1, name: 'Nurse', email: 'n@example.org' };
    expect(idleMinutesFrom({ user, staffIdleMinutes: 10 })).toBe(10);
    expect(idleMinutesFrom({ user })).toBeNull();
    for (const bad of [0, -5, 2.5, 721, '10', null]) {
      expect(idleMinutesFrom({ user, staffIdleMinutes: bad }), String(bad)).toBeNull();
    }
    expect(idleMinutesFrom(null)).toBeNull();
  });
});
