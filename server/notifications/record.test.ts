import { describe, expect, it } from 'vitest';
import { ConnectionError, DatabaseError } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { createBatchRecorder, GATHER_MAX, isConnectionLost, lostConflict } from './record';
import type { DeliveryResult } from './record';

function pgError(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionLost', () => {
  it('knows a refused, terminated or closed connection', () => {
    expect(isConnectionLost(new ConnectionError(pgError('55000')))).toBe(true);
    // pg_terminate_backend and a server shutting down, as the query's error.
    expect(
      isConnectionLost(new DatabaseError(Object.assign(pgError('57P01'), { sql: '', parameters: {} }))),
    ).toBe(true);
    expect(isConnectionLost(pgError('ECONNREFUSED'))).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves a statement’s own error alone', () => {
    expect(
      isConnectionLost(new DatabaseError(Object.assign(pgError('42703'), { sql: '', parameters: {} }))),
    ).toBe(false);
    expect(isConnectionLost('no')).toBe(false);
  });
});

function result(id: number): DeliveryResult {
  return {
    id,
    pushStatus: 'done',
    acceptedBy: [1],
    retryInMs: 0,
    lastError: null,
    handedOver: true,
    onSocket: false,
    pushOutcome: 'sent',
    followUp: null,
    escalateNow: false,
    unreached: false,
    goneSubscriptions: [],
  };
}

/** A database whose first `failures` writes find it away. */
function database(failures: number, error: () => Error = () => new ConnectionError(pgError('08006'))) {
  const writes: string[] = [];
  let left = failures;
  const sequelize = {
    async query(sql: string) {
      if (left-- > 0) throw error();
      writes.push(sql);
      return [];
    },
  } as unknown as Sequelize;
  return { sequelize, writes };
}

describe('createBatchRecorder', () => {
  it('keeps outcomes while the database is away and records them once it answers', async () => {
    const { sequelize, writes } = database(2);
    const failed: unknown[] = [];
    const held = new Set<number>();
    const recorder = createBatchRecorder({ sequelize, held, onRecordFailed: (error) => failed.push(error) });
    recorder.add(result(1));
    recorder.add(result(2));
    expect([...held]).toEqual([1, 2]);
    await recorder.settled();
    expect(failed).toHaveLength(2);
    expect(writes.length).toBeGreaterThan(0);
    expect(held.size).toBe(0);
  });

  it('gives up once the worker is stopping, leaving the rows to their lease', async () => {
    const { sequelize, writes } = database(Infinity);
    const recorder = createBatchRecorder({ sequelize, stopping: () => true });
    recorder.add(result(1));
    await expect(recorder.settled()).rejects.toBeInstanceOf(ConnectionError);
    expect(writes).toEqual([]);
  });

  it('writes again what lost a deadlock or a serialization conflict to another transaction', async () => {
    for (const code of ['40P01', '40001']) {
      const conflict = () => new DatabaseError(Object.assign(pgError(code), { sql: '', parameters: {} }));
      const { sequelize, writes } = database(1, conflict);
      const held = new Set<number>();
      const recorder = createBatchRecorder({ sequelize, held });
      recorder.add(result(1));
      await recorder.settled();
      expect(writes, code).toHaveLength(1);
      expect(held.size, code).toBe(0);
    }
    expect(lostConflict(pgError('23505'))).toBe(false);
  });

  it('does not retry a statement the database refused', async () => {
    const { sequelize } = database(1, () => pgError('42703'));
    const failed: unknown[] = [];
    const recorder = createBatchRecorder({ sequelize, onRecordFailed: (error) => failed.push(error) });
    recorder.add(result(1));
    await expect(recorder.settled()).rejects.toThrow('boom');
    expect(failed).toEqual([]);
  });
});

describe('gathering outcomes', () => {
  it('writes outcomes that settle close together in one statement', async () => {
    const { sequelize, writes } = database(0);
    const recorder = createBatchRecorder({ sequelize });
    for (let id = 1; id <= 10; id++) recorder.add(result(id));
    await recorder.settled();
    expect(writes).toHaveLength(1);
  });

  it(`writes at once when ${GATHER_MAX} outcomes wait`, async () => {
    const { sequelize, writes } = database(0);
    const recorded: number[][] = [];
    const recorder = createBatchRecorder({ sequelize, onRecorded: (ids) => recorded.push(ids) });
    for (let id = 1; id < GATHER_MAX; id++) recorder.add(result(id));
    expect(writes).toHaveLength(0); // gathering
    recorder.add(result(GATHER_MAX));
    // No timer has run: the full set went without waiting out the gathering.
    expect(writes).toHaveLength(1);
    await recorder.settled();
    expect(recorded).toEqual([Array.from({ length: GATHER_MAX }, (_, index) => index + 1)]);
  });

  it('records what settled early without waiting for the rest of the batch', async () => {
    const { sequelize } = database(0);
    const recorded = new Promise<number[]>((resolve) => {
      const recorder = createBatchRecorder({ sequelize, onRecorded: resolve });
      recorder.add(result(1));
      // The batch's other pushes are still out (never settled here): the first outcome is written anyway.
    });
    expect(await recorded).toEqual([1]);
  });
});
