/** Longest that one piece of time-critical work holds the fan-out back (a call takes well under a second). */
export const LONGEST_HOLD_MS = 10_000;

/**
 * Time-critical work of this process (a nurse's call, and the push of what it recorded) that the bulk of a
 * fan-out gives way to. On a small machine the server, PostgreSQL and the push service's connections share
 * a few cores: while a 100,000-patient opening is being recorded and pushed, each of a call's dozen round
 * trips to the database queues behind the fan-out's. So while a call is in flight the fan-out starts no
 * new push, claims no new batch and records no new batch of rows; what it has in flight goes on. A wait is
 * bounded, so that calls one after another slow an opening down but never stop it.
 */
export class Precedence {
  private active = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly maxWaitMs = 500) {}

  /** Whether time-critical work is in flight. */
  get busy(): boolean {
    return this.active > 0;
  }

  /**
   * Time-critical work has begun: bulk work waits (see `clear`) until the answered function is called,
   * or for `LONGEST_HOLD_MS` at most, so that work that never reports its end (a request whose answer
   * was never sent) cannot slow the fan-out down for good.
   */
  begin(): () => void {
    this.active++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      this.active--;
      if (this.active === 0) this.release();
    };
    const timer = setTimeout(end, LONGEST_HOLD_MS);
    timer.unref();
    return end;
  }

  /** Runs `work` ahead of the fan-out (see `begin`). */
  async ahead<T>(work: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work();
    } finally {
      end();
    }
  }

  /**
   * Resolves at once when nothing time-critical is in flight; else when it has all ended, or after
   * `maxWaitMs`, whichever is first.
   */
  clear(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.maxWaitMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiting.push(done);
    });
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done();
  }
}
