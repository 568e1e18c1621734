import type { LeasedRow } from './leased';

/**
 * Notifications this process recorded already leased to itself, waiting to be sent. Delivery takes them
 * from here instead of claiming them back from the table: a claim is an index scan, a row lock and an
 * update per row, about as much PostgreSQL work as recording the row, and the largest part of it during a
 * fan-out.
 *
 * A row is only handed out while at least half of its lease is left, so the send always finishes inside the
 * lease (a batch's sends are bounded by the push timeout, as for a claimed batch). A row that waited longer
 * is dropped here; once its lease runs out, any process claims it as usual, so it is late, never lost or
 * sent twice.
 */
export class Handoff {
  private rows: LeasedRow[] = [];
  private head = 0;
  private usableUntil: number[] = [];
  private waiters: Array<{ below: number; resolve: () => void }> = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  get size(): number {
    return this.rows.length - this.head;
  }

  /** leasedAt: this clock's time before the statement that set the lease was sent. */
  add(rows: LeasedRow[], leasedAt: number, leaseSeconds: number): void {
    const usableUntil = leasedAt + (leaseSeconds * 1000) / 2;
    for (const row of rows) {
      this.rows.push(row);
      this.usableUntil.push(usableUntil);
    }
  }

  /** Up to `count` rows, oldest first, skipping any that waited too long. */
  take(count: number): LeasedRow[] {
    const now = this.now();
    const taken: LeasedRow[] = [];
    while (taken.length < count && this.head < this.rows.length) {
      const index = this.head++;
      if ((this.usableUntil[index] as number) > now) taken.push(this.rows[index] as LeasedRow);
    }
    if (this.head > 4096 && this.head * 2 > this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.usableUntil = this.usableUntil.slice(this.head);
      this.head = 0;
    }
    this.wakeWaiters();
    return taken;
  }

  /** Resolves once fewer than `count` rows wait (at once if so already). */
  whenBelow(count: number): Promise<void> {
    if (this.size < count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ below: count, resolve }));
  }

  /** Forgets every row (their leases run out and others claim them) and releases every waiter. */
  clear(): void {
    this.rows = [];
    this.usableUntil = [];
    this.head = 0;
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const size = this.size;
    const ready = this.waiters.filter((waiter) => size < waiter.below);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => size >= waiter.below);
    for (const waiter of ready) waiter.resolve();
  }
}
