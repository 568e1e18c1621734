/**
 * The live-sync every client uses (patient app, console, kiosk): subscribe, read the whole picture,
 * keep what a live event made newer than that read, back off on failure, and reconnect after any
 * disconnect. Framework-free: the clients wrap it in their own hooks or stores.
 */

/** The part of a Socket.IO client socket the live-sync drives (a `Socket<…>` of any event map fits). */
export interface LiveSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  readonly connected?: boolean;
}

/** Timers, injectable so a test can run them by hand; the global ones by default. */
export interface Timers {
  set(action: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const globalTimers: Timers = {
  set: (action, ms) => setTimeout(action, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** 0..1; the default spreads the delay ±25% so a fleet of clients does not retry in step. */
  random?: () => number;
}

/** A growing delay (doubling from minMs up to maxMs), reset once something succeeds. */
export class Backoff {
  private delay: number;

  constructor(private readonly options: BackoffOptions) {
    this.delay = options.minMs;
  }

  next(): number {
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxMs);
    return delay * (0.75 + (this.options.random ?? Math.random)() * 0.5);
  }

  reset(): void {
    this.delay = this.options.minMs;
  }
}

/** The socket.io reason for a disconnect the server sent; Socket.IO does not retry after it. */
export const SERVER_DISCONNECT = 'io server disconnect';

/** What the server answers when it refuses a socket's token. */
export const UNAUTHENTICATED = 'unauthenticated';

export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 1_000, maxMs: 30_000 };

export interface LiveSyncOptions {
  socket: LiveSocket;
  /** Joins the rooms of this connection; resolves once the server has answered, rejects if it refused. */
  subscribe(): Promise<void>;
  /** Reads the whole picture after each subscription; retried with back-off while the connection holds. */
  read?(): Promise<void>;
  /** Subscribed: live events now reach this client, and `read` is on its way. */
  onLive?(): void;
  /** The connection is down (disconnected, or a connection attempt failed); `wasLive`: it was live until now. */
  onDown?(wasLive: boolean): void;
  /** The server refused the token: Socket.IO does not retry, `reconnectLater` does if the session holds. */
  onRefused?(): void;
  backoff?: BackoffOptions;
  timers?: Timers;
}

/**
 * One connection's lifecycle. Every (re)connection subscribes, then reads: a change between the two
 * arrives as an event, never as a gap. A failed subscription drops the connection and tries again
 * later; a server that closes the connection (a graceful restart) is reconnected to with back-off,
 * since Socket.IO itself only retries after other causes.
 */
export class LiveSync {
  private readonly backoff: Backoff;
  private readonly timers: Timers;
  /** Bumped on every connect, disconnect and stop: work for an older generation is dropped. */
  private generation = 0;
  private timer: unknown;
  private stopped = true;
  live = false;

  constructor(private readonly options: LiveSyncOptions) {
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.timers = options.timers ?? globalTimers;
    const { socket } = options;
    socket.on('connect', () => this.handleConnect());
    socket.on('disconnect', (reason) => this.handleDisconnect(reason));
    socket.on('connect_error', (error) => this.handleConnectError(error));
  }

  start(): void {
    this.stopped = false;
    this.options.socket.connect();
  }

  /** Handlers stay attached (they ignore events while stopped), so start() after stop() works. */
  stop(): void {
    this.stopped = true;
    this.generation += 1;
    this.cancelTimer();
    this.live = false;
    this.options.socket.disconnect();
  }

  /** Connects at once if not connected (the device says the network is back). */
  reconnectNow(): void {
    if (this.stopped || this.options.socket.connected) return;
    this.cancelTimer();
    this.options.socket.connect();
  }

  /** Connects again after the back-off delay (a refused token that turned out to be still valid). */
  reconnectLater(): void {
    this.later(() => this.reconnectNow());
  }

  private handleConnect(): void {
    if (this.stopped) return;
    this.generation += 1;
    const generation = this.generation;
    this.options
      .subscribe()
      .then(() => {
        if (generation !== this.generation) return;
        this.backoff.reset();
        this.live = true;
        this.options.onLive?.();
        this.readFor(generation);
      })
      .catch(() => {
        if (generation !== this.generation) return;
        // Not subscribed means no live events: start over on a fresh connection.
        this.options.socket.disconnect();
        this.later(() => this.options.socket.connect());
      });
  }

  private readFor(generation: number): void {
    const { read } = this.options;
    if (!read) return;
    read().then(
      () => {
        if (generation === this.generation) this.backoff.reset();
      },
      () => {
        if (generation === this.generation) this.later(() => this.readFor(generation));
      },
    );
  }

  private handleDisconnect(reason: string): void {
    if (this.stopped) return;
    this.generation += 1;
    const wasLive = this.live;
    this.live = false;
    this.options.onDown?.(wasLive);
    if (reason === SERVER_DISCONNECT) this.later(() => this.options.socket.connect());
  }

  private handleConnectError(error: Error): void {
    if (this.stopped) return;
    if (error.message === UNAUTHENTICATED && this.options.onRefused) return this.options.onRefused();
    this.options.onDown?.(false);
  }

  /** One timer at a time, backing off: a server that is down is not hammered by every client. */
  private later(action: () => void): void {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      if (!this.stopped) action();
    }, this.backoff.next());
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clear(this.timer);
    this.timer = undefined;
  }
}

/**
 * Counts live updates per record. A list asked for over HTTP reflects the server as of its request; a
 * live update that arrives while the list is on its way is newer, and the list must not undo it.
 */
export interface ChangeLog<K> {
  /** A live update of this record has just been applied. */
  record(key: K): void;
  /** A mark to take when a request is sent. */
  mark(): number;
  /** The records a live update changed after that mark. */
  since(mark: number): K[];
}

export function createChangeLog<K>(): ChangeLog<K> {
  let count = 0;
  const last = new Map<K, number>();
  return {
    record(key) {
      count += 1;
      last.set(key, count);
    },
    mark: () => count,
    since: (mark) => [...last].filter(([, at]) => at > mark).map(([key]) => key),
  };
}

export interface SyncedReadOptions<T, K> {
  read(): Promise<T>;
  /** `newerHere`: records a live event changed while this answer was on its way; theirs stand. */
  apply(answer: T, newerHere: K[]): void;
  /** Reads a raced answer is read again before it is applied with `newerHere` (default 3). */
  maxReads?: number;
}

/**
 * One list read over HTTP, kept from undoing live events. A read reflects the server as of its request;
 * an event that lands while it is on its way is newer. Such a raced read is read again (a bounded
 * number of times); the answer finally applied is told which records changed live meanwhile.
 * Reads run one at a time: a run asked for during a read runs once after it, so a burst costs two reads.
 */
export class SyncedRead<T, K> {
  private readonly changes = createChangeLog<K>();
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly options: SyncedReadOptions<T, K>) {}

  /** A live event has just changed this record. */
  changed(key: K): void {
    this.changes.record(key);
  }

  /** A read is on its way. */
  get running(): boolean {
    return this.current !== null;
  }

  /** Reads and applies; rejects if the read failed (the caller decides whether to retry). */
  run(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.current) {
      const after = this.current.catch(() => undefined).then(() => this.start());
      this.queued = after;
      return after;
    }
    return this.start();
  }

  private start(): Promise<void> {
    this.queued = null;
    const current = this.readUntilQuiet().finally(() => {
      if (this.current === current) this.current = null;
    });
    this.current = current;
    return current;
  }

  private async readUntilQuiet(): Promise<void> {
    const maxReads = this.options.maxReads ?? 3;
    for (let read = 1; ; read++) {
      const mark = this.changes.mark();
      const answer = await this.options.read();
      const newerHere = this.changes.since(mark);
      if (newerHere.length > 0 && read < maxReads) continue;
      this.options.apply(answer, newerHere);
      return;
    }
  }
}
