import os from 'node:os';

/** Encryption threads never pay beyond four: by then PostgreSQL and the push service are the limit. */
const MAX_ENCRYPT_THREADS = 4;

/**
 * Encryption threads for each of `processes` server processes sharing this machine's cores: its share of
 * the cores less one, which its own event loop keeps busy during a fan-out (claiming, sending, recording);
 * at least one, so a fan-out never encrypts on the event loop; at most four. Threads beyond the cores
 * only add switching: on the 2-core benchmark machine, 100,000 pushes took 22.4 s with one thread and
 * 24.2 s with two (one process), 24.5 s and 26.9 s (two processes).
 */
export function encryptThreadsPerProcess(processes: number, cores = os.availableParallelism()): number {
  const share = Math.floor(cores / Math.max(1, processes));
  return Math.max(1, Math.min(MAX_ENCRYPT_THREADS, share - 1));
}

/**
 * The variables `npm run start:cluster -- -n N` adds for each of its N processes (the benchmark starts
 * its processes the same way): Socket.IO joined through PostgreSQL, and each process's encryption pool
 * sized to its share of the cores, unless the operator chose a size.
 */
export function clusterProcessEnv(
  processes: number,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return {
    CLUSTER: 'true',
    SOCKET_ADAPTER: 'postgres',
    ...(env.PUSH_ENCRYPT_THREADS === undefined
      ? { PUSH_ENCRYPT_THREADS: String(encryptThreadsPerProcess(processes)) }
      : {}),
  };
}
