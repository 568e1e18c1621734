import { describe, expect, it } from 'vitest';
import { Backoff, LiveSync, SERVER_DISCONNECT, SyncedRead } from './live-sync';
import type { LiveSocket, Timers } from './live-sync';

type Listener = (...args: never[]) => void;

/** Just enough of a Socket.IO client socket: the test fires its events by hand. */
class FakeSocket implements LiveSocket {
  private readonly listeners = new Map<string, Listener>();
  connects = 0;
  disconnects = 0;
  connected = false;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  connect(): this {
    this.connects += 1;
    return this;
  }
  disconnect(): this {
    this.disconnects += 1;
    this.connected = false;
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    (this.listeners.get(event) as ((...values: unknown[]) => void) | undefined)?.(...args);
  }
}

/** Timers run by hand: `delays` shows what was asked for, `runAll` runs what is due. */
class ManualTimers implements Timers {
  private pending = new Map<number, () => void>();
  private next = 0;
  readonly delays: number[] = [];
  set(action: () => void, ms: number): number {
    this.next += 1;
    this.pending.set(this.next, action);
    this.delays.push(ms);
    return this.next;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get count(): number {
    return this.pending.size;
  }
  runAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const action of due) action();
  }
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(options: { read?: () => Promise<void>; subscribe?: () => Promise<void> } = {}) {
  const socket = new FakeSocket();
  const timers = new ManualTimers();
  const events: string[] = [];
  const sync = new LiveSync({
    socket,
    timers,
    backoff: { minMs: 100, maxMs: 400, random: () => 0.5 },
    subscribe: options.subscribe ?? (() => Promise.resolve()),
    read: options.read,
    onLive: () => events.push('live'),
    onDown: () => events.push('down'),
  });
  sync.start();
  return { socket, timers, events, sync };
}

describe('SyncedRead', () => {
  it('reads again when a live event raced the read, then keeps what the event made newer', async () => {
    const answers: Array<ReturnType<typeof deferred<string[]>>> = [];
    const applied: Array<{ answer: string[]; newerHere: string[] }> = [];
    const read = new SyncedRead<string[], string>({
      maxReads: 2,
      read: () => {
        const answer = deferred<string[]>();
        answers.push(answer);
        return answer.promise;
      },
      apply: (answer, newerHere) => applied.push({ answer, newerHere }),
    });

    const done = read.run();
    read.changed('OPD');
    answers[0]?.resolve(['old']);
    await settle();
    expect(applied).toEqual([]);
    expect(answers).toHaveLength(2);

    read.changed('LAB');
    answers[1]?.resolve(['newer']);
    await done;
    expect(applied).toEqual([{ answer: ['newer'], newerHere: ['LAB'] }]);
  });

  it('applies a quiet read as it is, and runs a read asked for meanwhile once after it', async () => {
    const answers: Array<ReturnType<typeof deferred<number>>> = [];
    const applied: number[] = [];
    const read = new SyncedRead<number, string>({
      read: () => {
        const answer = deferred<number>();
        answers.push(answer);
        return answer.promise;
      },
      apply: (answer, newerHere) => {
        expect(newerHere).toEqual([]);
        applied.push(answer);
      },
    });
    const first = read.run();
    const second = read.run();
    const third = read.run();
    expect(third).toBe(second);
    expect(read.running).toBe(true);
    answers[0]?.resolve(1);
    await first;
    await settle();
    answers[1]?.resolve(2);
    await second;
    expect(applied).toEqual([1, 2]);
    expect(answers).toHaveLength(2);
    expect(read.running).toBe(false);
  });
});

describe('Backoff', () => {
  it('doubles up to its ceiling and starts over after a reset', () => {
    const backoff = new Backoff({ minMs: 100, maxMs: 400, random: () => 0.5 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400, 400]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe('LiveSync', () => {
  it('subscribes on every connection, then goes live and reads', async () => {
    const reads: string[] = [];
    const { socket, events, sync } = setup({
      read: async () => void reads.push('read'),
    });
    expect(socket.connects).toBe(1);
    socket.fire('connect');
    await settle();
    expect(events).toEqual(['live']);
    expect(reads).toEqual(['read']);
    expect(sync.live).toBe(true);
  });

  it('reconnects itself, backing off, after the server closed the connection', async () => {
    const { socket, timers, events, sync } = setup();
    socket.fire('connect');
    await settle();

    socket.fire('disconnect', SERVER_DISCONNECT);
    expect(sync.live).toBe(false);
    expect(events).toEqual(['live', 'down']);
    expect(timers.delays).toEqual([100]);
    timers.runAll();
    expect(socket.connects).toBe(2);

    // The server is still down: the next attempt waits longer.
    socket.fire('disconnect', SERVER_DISCONNECT);
    expect(timers.delays).toEqual([100, 200]);
    timers.runAll();
    expect(socket.connects).toBe(3);
  });

  it('leaves other disconnects to Socket.IO, and a stop leaves no timer behind', async () => {
    const { socket, timers, sync } = setup();
    socket.fire('connect');
    await settle();
    socket.fire('disconnect', 'transport close');
    expect(timers.count).toBe(0);

    socket.fire('disconnect', SERVER_DISCONNECT);
    expect(timers.count).toBe(1);
    sync.stop();
    expect(timers.count).toBe(0);
  });

  it('drops a connection whose subscription failed and connects again later', async () => {
    const { socket, timers, events } = setup({ subscribe: () => Promise.reject(new Error('refused')) });
    socket.fire('connect');
    await settle();
    expect(events).toEqual([]);
    expect(socket.disconnects).toBe(1);
    timers.runAll();
    expect(socket.connects).toBe(2);
  });

  it('retries a failed read with back-off while the connection holds', async () => {
    let failures = 2;
    let reads = 0;
    const { socket, timers } = setup({
      read: async () => {
        reads += 1;
        if (failures-- > 0) throw new Error('503');
      },
    });
    socket.fire('connect');
    await settle();
    expect(timers.delays).toEqual([100]);
    timers.runAll();
    await settle();
    expect(timers.delays).toEqual([100, 200]);
    timers.runAll();
    await settle();
    expect(reads).toBe(3);
    expect(timers.count).toBe(0);
  });
});
