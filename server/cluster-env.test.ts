import { describe, expect, it } from 'vitest';
import { clusterProcessEnv, encryptThreadsPerProcess } from './cluster-env';

describe('encryptThreadsPerProcess', () => {
  it("gives each process its share of the cores less its event loop's, so threads do not outnumber them", () => {
    expect(encryptThreadsPerProcess(1, 2)).toBe(1);
    expect(encryptThreadsPerProcess(1, 4)).toBe(3);
    expect(encryptThreadsPerProcess(2, 8)).toBe(3);
    expect(encryptThreadsPerProcess(3, 8)).toBe(1);
  });

  it('keeps at least one thread, so a fan-out never encrypts on the event loop', () => {
    expect(encryptThreadsPerProcess(2, 2)).toBe(1);
    expect(encryptThreadsPerProcess(4, 2)).toBe(1);
    expect(encryptThreadsPerProcess(1, 1)).toBe(1);
  });

  it('stops at four threads per process', () => {
    expect(encryptThreadsPerProcess(1, 64)).toBe(4);
    expect(encryptThreadsPerProcess(2, 64)).toBe(4);
  });
});

describe('clusterProcessEnv', () => {
  it('joins Socket.IO through PostgreSQL and sizes the pool to the process share', () => {
    expect(clusterProcessEnv(2, {})).toEqual({
      CLUSTER: 'true',
      SOCKET_ADAPTER: 'postgres',
      PUSH_ENCRYPT_THREADS: String(encryptThreadsPerProcess(2)),
    });
  });

  it("keeps the operator's own pool size", () => {
    expect(clusterProcessEnv(2, { PUSH_ENCRYPT_THREADS: '3' })).toEqual({
      CLUSTER: 'true',
      SOCKET_ADAPTER: 'postgres',
    });
  });
});
