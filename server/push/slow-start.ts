/**
 * How many requests go to one push service at once, in the manner of TCP's slow start: `initial` at
 * first, and `step` more each `intervalMs` in which every slot stayed taken with requests waiting and the
 * service took at least `slowMs` to answer, up to `max`. Each request in flight holds a connection
 * (HTTP/1.1), so this is also how many connections are open: a fast push service (answering within
 * `slowMs`) keeps few, a slow one gets as many as it needs to keep its throughput. Opening 64 TLS
 * connections at once at the start of a fan-out, and keeping them, cost the server and the push service
 * CPU that a nurse's call needed. After `idleMs` without a request the count starts again from `initial`:
 * the idle connections have closed by then.
 */
export interface SlowStartOptions {
  initial: number;
  max: number;
  step: number;
  intervalMs: number;
  slowMs: number;
  idleMs: number;
  now?: () => number;
}

export const PUSH_SLOW_START: Omit<SlowStartOptions, 'max'> = {
  initial: 16,
  step: 8,
  intervalMs: 250,
  slowMs: 20,
  idleMs: 5_000,
};

export class SlowStart {
  private inFlight = 0;
  private limit: number;
  private readonly waiting: Array<() => void> = [];
  private readonly now: () => number;
  private windowStart: number;
  private windowSaturated = true;
  private windowAnswers = 0;
  private windowAnswerMs = 0;
  private lastActivity: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SlowStartOptions) {
    this.now = options.now ?? (() => performance.now());
    this.limit = Math.min(options.initial, options.max);
    this.windowStart = this.now();
    this.lastActivity = this.windowStart;
  }

  /** Requests that may be in flight at once now. */
  get current(): number {
    return this.limit;
  }

  /** Runs `request` once a slot is free. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    await this.acquire();
    const started = this.now();
    try {
      return await request();
    } finally {
      this.windowAnswers++;
      this.windowAnswerMs += this.now() - started;
      this.release();
    }
  }

  private acquire(): Promise<void> | undefined {
    const now = this.now();
    if (this.inFlight === 0 && now - this.lastActivity > this.options.idleMs) {
      this.limit = Math.min(this.options.initial, this.options.max);
    }
    this.lastActivity = now;
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return undefined;
    }
    this.watch();
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    this.inFlight--;
    this.lastActivity = this.now();
    this.adjust();
    this.admit();
  }

  private admit(): void {
    while (this.inFlight < this.limit && this.waiting.length > 0) {
      this.inFlight++;
      this.waiting.shift()?.();
    }
  }

  /**
   * While requests wait, the count is looked at each interval even if no answer comes: a service that
   * holds every slot without answering is the slowest of all.
   */
  private watch(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.adjust();
      this.admit();
      if (this.waiting.length > 0) this.watch();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** At the end of each interval: one step more if the interval was saturated by a slow service. */
  private adjust(): void {
    if (this.waiting.length === 0) this.windowSaturated = false;
    const now = this.now();
    if (now - this.windowStart < this.options.intervalMs) return;
    // No answer in a whole interval: every request in flight has taken longer than it.
    const meanMs = this.windowAnswers > 0 ? this.windowAnswerMs / this.windowAnswers : now - this.windowStart;
    if (this.windowSaturated && meanMs >= this.options.slowMs) {
      this.limit = Math.min(this.options.max, this.limit + this.options.step);
    }
    this.windowStart = now;
    this.windowSaturated = this.waiting.length > 0;
    this.windowAnswers = 0;
    this.windowAnswerMs = 0;
  }
}
