import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { onCleanup, onHardExit } from './cleanup';
import { spawnTs } from './spawn';
import type { Spawned } from './spawn';

export interface Child {
  spawned: Spawned;
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/** Registers a spawned process for cleanup (and a last-resort kill) and gives it a graceful stop. */
export function track(spawned: Spawned, label: string): Child {
  const pid = spawned.child.pid;
  if (pid === undefined) throw new Error(`${label} did not start`);
  const forget = onHardExit(() => {
    if (spawned.child.exitCode === null) spawned.child.kill('SIGKILL');
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 15_000) =>
    (stopping ??= (async () => {
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) {
        const timer = setTimeout(() => spawned.child.kill('SIGKILL'), graceMs);
        spawned.child.kill('SIGTERM');
        await spawned.exited;
        clearTimeout(timer);
      }
      forget();
    })());
  onCleanup(label, () => stop());
  return { spawned, pid, stop };
}

export interface ReceiverProcess extends Child {
  origin: string;
  stats(): Promise<ReceiverStats>;
  /** The timed pushes (TIMED_ENDPOINT_PREFIX) it has accepted, from the `from`th on, oldest first. */
  received(from: number): Promise<TimedPush[]>;
}

export interface ReceiverStats {
  acceptedTotal: number;
  requestsTotal: number;
  rejectedTotal: number;
  /** Of acceptedTotal, the timed pushes: decrypted and kept with their times. */
  receivedTotal: number;
}

/**
 * Endpoint ids of the patients whose pushes the benchmark times (the called patients): the receiver
 * decrypts and keeps those, and only counts the rest, which would cost it a decryption each.
 */
export const TIMED_ENDPOINT_PREFIX = 'timed';

/** A timed push as the receiver kept it; times in epoch ms on the machine's clock (see ReceivedPush). */
export interface TimedPush {
  endpointId: string;
  payload: unknown;
  arrivedAtMs: number;
  acceptedAtMs: number;
}

/** Accepted pushes that were only counted, not timed: an opening's. */
export const countedOnly = (stats: ReceiverStats) => stats.acceptedTotal - stats.receivedTotal;

/** The push receiver in its own process, keys derived from `seed`, decrypting only the timed pushes. */
export async function startReceiver(
  seed: string,
  tlsDir: string,
  caCertPath: string,
): Promise<ReceiverProcess> {
  const options = { seed, decrypt: false, decryptPrefix: TIMED_ENDPOINT_PREFIX };
  const spawned = spawnTs('tests/support/push-receiver-main.ts', [JSON.stringify(options)], {
    QB_TEST_TLS_DIR: tlsDir,
  });
  const child = track(spawned, 'push receiver');
  const [, origin] = (await spawned.waitFor(/\{"origin":"(https:\/\/[^"]+)"\}/)) as [string, string];
  // Only this process's own polling trusts the test CA this way; the server and the naive sender get it
  // through NODE_EXTRA_CA_CERTS like any other Node process.
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: readFileSync(caCertPath) });
  onCleanup('receiver stats agent', () => agent.destroy());
  const get = <T>(path: string) => getJson<T>(`${origin}${path}`, agent);
  return {
    ...child,
    origin,
    stats: () => get<ReceiverStats>('/stats'),
    received: (from) => get<TimedPush[]>(`/received?from=${from}`),
  };
}

function getJson<T>(url: string, agent: Agent): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(text) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    })
      .on('error', reject)
      .end();
  });
}

export interface ServerProcess extends Child {
  url: string;
}

/**
 * `node --import tsx server/main.ts` on DATABASE_URL, on a port it picks itself. With BENCH_PROFILE=<dir>
 * the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools or speedscope).
 */
export async function startServerProcess(env: {
  databaseUrl: string;
  receiverOrigin: string;
  caCertPath: string;
  deliveryWorkers: boolean;
  /**
   * One of several processes on the same database, as `npm run start:cluster` starts them: Socket.IO
   * joined through PostgreSQL (server/cluster.ts sets the same two variables).
   */
  cluster?: boolean;
}): Promise<ServerProcess> {
  const profileDir = process.env.BENCH_PROFILE;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const spawned = spawnTs(
    'server/main.ts',
    [],
    {
      DATABASE_URL: env.databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PUSH_ALLOWED_ORIGINS: env.receiverOrigin,
      NODE_EXTRA_CA_CERTS: env.caCertPath,
      DELIVERY_WORKERS: String(env.deliveryWorkers),
      SEED_DEMO: 'false',
      ...(env.cluster ? { CLUSTER: 'true', SOCKET_ADAPTER: 'postgres' } : {}),
    },
    nodeArgs,
  );
  const child = track(
    spawned,
    `server (workers ${env.deliveryWorkers ? 'on' : 'off'}${env.cluster ? ', cluster' : ''})`,
  );
  const [, port] = (await spawned.waitFor(/Patient app:\s+http:\/\/[^:]+:(\d+)\//)) as [string, string];
  return { ...child, url: `http://127.0.0.1:${port}` };
}
