import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TicketCalledEvent } from '../../../shared/events';
import type { QueueStatus } from '../../../shared/schemas';
import { LiveSync, SyncedRead } from '../../../shared/live-sync';
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
const BACKOFF = { minMs: 1_000, maxMs: 30_000 };

/**
 * The display's data: one Socket.IO connection kept live by the shared live-sync, the public statuses
 * and a bounded call history. It is a plain store (subscribe/getState) so its lifetime, and every timer
 * it holds, ends with stop().
 */
export class KioskFeed {
  private state: FeedState = { statuses: null, calls: {}, live: false, lastContactAt: null };
  private readonly listeners = new Set<() => void>();
  private readonly callListeners = new Set<(call: CallRecord) => void>();
  private readonly now: () => number;
  private socket: KioskSocket | null = null;
  private sync: LiveSync | null = null;
  /** Statuses read over HTTP; a live status or call for a department outranks a read that it raced. */
  private readonly statusesRead: SyncedRead<QueueStatus[], string>;
  private seq = 0;
  private resyncTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: FeedOptions) {
    this.now = options.now ?? Date.now;
    this.statusesRead = new SyncedRead({
      read: () => options.loadStatuses(),
      apply: (statuses, newerHere) => this.applySnapshot(statuses, newerHere),
    });
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
    this.sync = new LiveSync({
      socket,
      backoff: BACKOFF,
      subscribe: () => this.subscribeRooms(socket),
      read: () => this.statusesRead.run(),
      onDown: () => this.setState({ live: false }),
    });
    socket.on('queue:status', (status) => this.handleStatus(status));
    socket.on('ticket:called', (event) => this.handleCall(event));
    socket.io.on('ping', () => this.touch());
    this.sync.start();
    if (this.options.resyncMs) {
      this.resyncTimer = setInterval(() => {
        if (this.state.live) this.statusesRead.run().catch(() => undefined);
      }, this.options.resyncMs);
    }
  }

  stop(): void {
    clearInterval(this.resyncTimer);
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.sync?.stop();
    this.sync = null;
    this.socket = null;
  }

  private async subscribeRooms(socket: KioskSocket): Promise<void> {
    const answer = await socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('queue:subscribe', this.options.departments);
    if (!answer.ok) throw new Error(answer.error);
  }

  /** A read's answer, shown unless the connection it was read for has gone meanwhile. */
  private applySnapshot(statuses: readonly QueueStatus[], newerHere: string[]): void {
    if (!this.sync?.live) return;
    const newer = new Set(newerHere);
    const kept = statuses.map(
      (status) => (newer.has(status.department) && this.shownStatus(status.department)) || status,
    );
    const shown = this.select(kept);
    this.setState({
      statuses: shown,
      calls: mergeSnapshot(this.state.calls, shown, () => ++this.seq),
      live: true,
      lastContactAt: this.now(),
    });
  }

  private shownStatus(department: string): QueueStatus | undefined {
    return this.state.statuses?.find((status) => status.department === department);
  }

  private handleStatus(status: QueueStatus): void {
    this.statusesRead.changed(status.department);
    const statuses = this.state.statuses;
    if (!statuses || !this.wanted(status.department)) return;
    const known = statuses.some((entry) => entry.department === status.department);
    const next = known
      ? statuses.map((entry) => (entry.department === status.department ? status : entry))
      : this.select([...statuses, status]);
    this.setState({ statuses: next, ...this.contact() });
  }

  private handleCall(event: TicketCalledEvent): void {
    this.statusesRead.changed(event.department);
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
