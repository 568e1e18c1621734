import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueStatus } from '../../../shared/schemas';
import { KioskFeed } from './feed';
import type { KioskSocket } from './feed';
import type { CallRecord } from './history';

type Handler = (...args: never[]) => void;

/** Just enough of a Socket.IO client to drive the feed by hand. */
class FakeSocket {
  readonly handlers = new Map<string, Handler>();
  connects = 0;
  subscriptions: unknown[] = [];
  readonly io = { on: () => this.io, removeAllListeners: () => this.io };
  on(event: string, handler: Handler) {
    this.handlers.set(event, handler);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    this.connects += 1;
    return this;
  }
  disconnect() {
    return this;
  }
  timeout() {
    return {
      emitWithAck: async (_event: string, departments: unknown) => {
        this.subscriptions.push(departments);
        return { ok: true, departments };
      },
    };
  }
  fire(event: string, ...args: unknown[]) {
    (this.handlers.get(event) as ((...values: unknown[]) => void) | undefined)?.(...args);
  }
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

function status(
  department: string,
  waiting: number,
  nowServing: QueueStatus['nowServing'] = [],
): QueueStatus {
  return {
    id: 1,
    department,
    name: department,
    isOpen: true,
    totalWaiting: waiting,
    statusMessage: '',
    openedAt: null,
    closedAt: null,
    scheduledCloseAt: null,
    manualOverride: false,
    nowServing,
    estimatedWaitMinutes: 0,
    estimatedWaitRange: null,
  };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(departments: string[] | 'all' = 'all') {
  const socket = new FakeSocket();
  const reads: Array<ReturnType<typeof deferred<QueueStatus[]>>> = [];
  const feed = new KioskFeed({
    departments,
    createSocket: () => socket as unknown as KioskSocket,
    loadStatuses: () => {
      const read = deferred<QueueStatus[]>();
      reads.push(read);
      return read.promise;
    },
  });
  feed.start();
  return { socket, reads, feed };
}

afterEach(() => vi.useRealTimers());

describe('KioskFeed', () => {
  it('subscribes before reading, and reads again when a change raced the read', async () => {
    const { socket, reads, feed } = setup(['LAB', 'OPD']);
    socket.fire('connect');
    await settle();
    expect(socket.subscriptions).toEqual([['LAB', 'OPD']]);
    expect(reads).toHaveLength(1);

    socket.fire('queue:status', status('OPD', 2));
    reads[0]?.resolve([status('OPD', 1), status('LAB', 0), status('ER', 9)]);
    await settle();
    // The first answer may predate that event: not shown, read again.
    expect(feed.getState().live).toBe(false);
    expect(reads).toHaveLength(2);

    reads[1]?.resolve([status('OPD', 2), status('LAB', 0), status('ER', 9)]);
    await settle();
    const state = feed.getState();
    expect(state.live).toBe(true);
    expect(state.statuses?.map((entry) => [entry.department, entry.totalWaiting])).toEqual([
      ['LAB', 0],
      ['OPD', 2],
    ]);
    feed.stop();
  });

  it('shows and reports a call at once, before the status that follows it', async () => {
    const { socket, reads, feed } = setup();
    socket.fire('connect');
    await settle();
    reads[0]?.resolve([status('OPD', 1)]);
    await settle();
    const heard: CallRecord[] = [];
    feed.onCall((call) => heard.push(call));

    socket.fire('ticket:called', { department: 'OPD', number: 'OPD-007', room: '2', calledAt: 'now' });
    expect(heard.map((call) => call.number)).toEqual(['OPD-007']);
    const opd = feed.getState().statuses?.[0];
    expect(opd?.nowServing[0]).toMatchObject({ ticket: 'OPD-007', room: '2' });
    expect(feed.getState().calls.OPD?.[0]?.receivedAt).toBeGreaterThan(0);
    feed.stop();
  });

  it('goes stale on disconnect and reconnects itself when the server closed the connection', async () => {
    vi.useFakeTimers();
    const { socket, reads, feed } = setup();
    socket.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    reads[0]?.resolve([status('OPD', 0)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.getState().live).toBe(true);
    const connects = socket.connects;

    socket.fire('disconnect', 'io server disconnect');
    expect(feed.getState().live).toBe(false);
    expect(feed.getState().statuses).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(socket.connects).toBe(connects + 1);

    // Stopping mid-read (the new connection's snapshot still pending) leaves no timer behind.
    socket.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    feed.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
