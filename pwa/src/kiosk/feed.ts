import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TicketCalledEvent } from '../../../shared/events';
import type { QueueStatus } from '../../../shared/schemas';
import { addCall, mergeSnapshot } from './history';
import type { CallHistory, CallRecord } from './history';

export type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface FeedState {
  /** In display order; null until the first load. */
  statuses: readonly QueueStatus[] | null;
  calls: CallHistory;
  /** Connected and the full state reloaded since: what is on screen is current. */
  live: boolean;
  /** The last time the server was heard from while live (ms): what "showing HH:MM" refers to. */
  lastContactAt: number | null;
}

export interface FeedOptions {
  departments: string[] | 'all';
  loadStatuses(): Promise<QueueStatus[]>;
  /** A socket that has not connected yet (autoConnect false), so no event slips past the handlers. */
  createSocket(): KioskSocket;
  now?: () => number;
  /** A full reload now and then, besides the one after every reconnect: a safety net, cheap to read. */
  resyncMs?: number;
}

const SUBSCRIBE_TIMEOUT_MS = 5_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** A snapshot read while events arrived may be older than them; read again, a bounded number of times. */
const SYNC_READS = 3;

/**
 * The display's data: one Socket.IO connection, the public statuses and a bounded call history. It is
 * a plain store (subscribe/getState) so its lifetime, and every timer it holds, ends with stop().
 */
export class KioskFeed {
  private state: FeedState = { statuses: null, calls: {}, live: false, lastContactAt: null };
  private readonly listeners = new Set<() => void>();
  private readonly callListeners = new Set<(call: CallRecord) => void>();
  private readonly now: () => number;
  private socket: KioskSocket | null = null;
  /** Bumped on every connect and disconnect: an answer that arrives for an older generation is dropped. */
  private generation = 0;
  private changedDuringSync = false;
  private seq = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = RETRY_MIN_MS;
  private resyncTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: FeedOptions) {
    this.now = options.now ?? Date.now;
  }

  getState = (): FeedState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Live calls only (not those learnt from a reload), in the order the server sent them. */
  onCall(listener: (call: CallRecord) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  start(): void {
    if (this.socket) return;
    const socket = this.options.createSocket();
    this.socket = socket;
    socket.on('connect', () => this.handleConnect(socket));
    socket.on('disconnect', (reason) => {
      this.generation += 1;
      this.setState({ live: false });
      // The server said goodbye (it is shutting down, or dropped us): Socket.IO does not retry those.
      if (reason === 'io server disconnect') this.schedule(() => socket.connect());
    });
    socket.on('queue:status', (status) => this.handleStatus(status));
    socket.on('ticket:called', (event) => this.handleCall(event));
    socket.io.on('ping', () => this.touch());
    socket.connect();
    if (this.options.resyncMs) {
      this.resyncTimer = setInterval(() => {
        if (this.state.live) void this.sync(this.generation);
      }, this.options.resyncMs);
    }
  }

  stop(): void {
    this.generation += 1;
    clearTimeout(this.retryTimer);
    clearInterval(this.resyncTimer);
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private handleConnect(socket: KioskSocket): void {
    this.generation += 1;
    const generation = this.generation;
    this.retryDelay = RETRY_MIN_MS;
    // Subscribe first, then read: a change between the two arrives as an event, never as a gap.
    socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('queue:subscribe', this.options.departments)
      .then((answer) => {
        if (generation !== this.generation) return;
        if (answer.ok) return void this.sync(generation);
        throw new Error(answer.error);
      })
      .catch(() => {
        if (generation !== this.generation) return;
        // Not subscribed means no live events: start over on a fresh connection.
        socket.disconnect();
        this.schedule(() => socket.connect());
      });
  }

  /** Reads the full state until a read completes with no change racing it (or SYNC_READS reads). */
  private async sync(generation: number): Promise<void> {
    for (let read = 1; ; read++) {
      this.changedDuringSync = false;
      let statuses: QueueStatus[];
      try {
        statuses = await this.options.loadStatuses();
      } catch {
        if (generation === this.generation) this.schedule(() => void this.sync(generation));
        return;
      }
      if (generation !== this.generation) return;
      if (this.changedDuringSync && read < SYNC_READS) continue;
      const shown = this.select(statuses);
      this.retryDelay = RETRY_MIN_MS;
      this.setState({
        statuses: shown,
        calls: mergeSnapshot(this.state.calls, shown, () => ++this.seq),
        live: true,
        lastContactAt: this.now(),
      });
      return;
    }
  }

  private handleStatus(status: QueueStatus): void {
    this.changedDuringSync = true;
    const statuses = this.state.statuses;
    if (!statuses || !this.wanted(status.department)) return;
    const known = statuses.some((entry) => entry.department === status.department);
    const next = known
      ? statuses.map((entry) => (entry.department === status.department ? status : entry))
      : this.select([...statuses, status]);
    this.setState({ statuses: next, ...this.contact() });
  }

  private handleCall(event: TicketCalledEvent): void {
    this.changedDuringSync = true;
    if (!this.wanted(event.department)) return;
    const call: CallRecord = { ...event, seq: ++this.seq, receivedAt: this.now() };
    // The status update follows the call; showing the call at once keeps the board from lagging it.
    const statuses = this.state.statuses?.map((status) =>
      status.department === call.department ? withCall(status, call) : status,
    );
    this.setState({
      calls: addCall(this.state.calls, call),
      ...(statuses ? { statuses } : {}),
      ...this.contact(),
    });
    for (const listener of this.callListeners) listener(call);
  }

  private touch(): void {
    if (this.state.live) this.setState(this.contact());
  }

  private contact(): Partial<FeedState> {
    return this.state.live ? { lastContactAt: this.now() } : {};
  }

  private wanted(department: string): boolean {
    const { departments } = this.options;
    return departments === 'all' || departments.includes(department);
  }

  /** The configured departments in the configured order; all of them by code otherwise. */
  private select(statuses: readonly QueueStatus[]): QueueStatus[] {
    const { departments } = this.options;
    if (departments === 'all') {
      return [...statuses].sort((a, b) => a.department.localeCompare(b.department));
    }
    return departments.flatMap((code) => statuses.filter((status) => status.department === code));
  }

  /** One retry timer at a time, backing off: a server that is down is not hammered by every display. */
  private schedule(action: () => void): void {
    clearTimeout(this.retryTimer);
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(action, delay * (0.75 + Math.random() * 0.5));
  }

  private setState(patch: Partial<FeedState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function withCall(status: QueueStatus, call: CallRecord): QueueStatus {
  const others = status.nowServing.filter((serving) => serving.ticket !== call.number);
  return {
    ...status,
    nowServing: [{ ticket: call.number, room: call.room, calledAt: call.calledAt }, ...others],
  };
}
