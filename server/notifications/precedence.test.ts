import { afterEach, describe, expect, it, vi } from 'vitest';
import { LONGEST_HOLD_MS, Precedence } from './precedence';

/** Whether `promise` has settled once the pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

function held(): { work: () => Promise<string>; release(value?: string): void; fail(error: Error): void } {
  let release: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<string>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { work: () => promise, release: (value = 'done') => release(value), fail: (error) => fail(error) };
}

describe('Precedence', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets bulk work go at once when nothing time-critical is in flight', async () => {
    vi.useFakeTimers();
    const precedence = new Precedence(500);
    expect(precedence.busy).toBe(false);
    expect(await settled(precedence.clear())).toBe(true);
  });

  it('holds bulk work until every call in flight has ended, and answers what the call answered', async () => {
    vi.useFakeTimers();
    const precedence = new Precedence(60_000);
    const first = held();
    const second = held();
    const firstCall = precedence.ahead(first.work);
    const secondCall = precedence.ahead(second.work);
    const waiting = precedence.clear();
    expect(precedence.busy).toBe(true);
    first.release('ticket 12');
    expect(await firstCall).toBe('ticket 12');
    expect(await settled(waiting)).toBe(false);
    second.release();
    await secondCall;
    expect(await settled(waiting)).toBe(true);
    expect(precedence.busy).toBe(false);
  });

  it('releases bulk work after its longest wait while calls keep coming', async () => {
    vi.useFakeTimers();
    const precedence = new Precedence(500);
    const call = held();
    const inFlight = precedence.ahead(call.work);
    const waiting = precedence.clear();
    await vi.advanceTimersByTimeAsync(499);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
    expect(precedence.busy).toBe(true);
    call.release();
    await inFlight;
  });

  it('ends its hold when the call fails, and passes the error on', async () => {
    vi.useFakeTimers();
    const precedence = new Precedence(60_000);
    const call = held();
    const inFlight = precedence.ahead(call.work);
    const waiting = precedence.clear();
    call.fail(new Error('queue_empty'));
    await expect(inFlight).rejects.toThrow('queue_empty');
    expect(await settled(waiting)).toBe(true);
    expect(precedence.busy).toBe(false);
  });

  it('ends a hold whose end is never reported after its longest time, and counts each end once', async () => {
    vi.useFakeTimers();
    const precedence = new Precedence(60_000);
    const forgotten = precedence.begin();
    const answered = precedence.begin();
    answered();
    answered();
    expect(precedence.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(LONGEST_HOLD_MS);
    expect(precedence.busy).toBe(false);
    forgotten();
    expect(precedence.busy).toBe(false);
    expect(await settled(precedence.clear())).toBe(true);
  });
});
