import { startServerProcess } from '../fanout/children';
import type { ServerProcess } from '../fanout/children';
import { NURSE, resetQueues } from '../fanout/database';
import { changeQueue, percentile, signIn } from '../fanout/http';
import { count, pollUntil, pushesSettled, sleep, watchOpening } from '../fanout/phases';
import type { Prepared } from '../fanout/prepare';
import { cpuBetween, cpuSnapshot, postgresPids, sampleRss } from '../fanout/proc';
import type { CpuUse } from '../fanout/proc';
import { configurationChecks } from './checks';
import type { Checks } from './checks';
import { startSocketClients } from './sockets';
import type { SocketClients } from './sockets';
import type { SocketPatients } from './sessions';

export const DEPARTMENT = 'OPD';

/** What both configurations share: set up once per run. */
export interface SystemSetup extends Prepared {
  patients: number;
  /** Pushes the receiver should accept for one opening, by the server's rule (see checks.ts). */
  expectedPushes: number;
  socketPatients: SocketPatients;
}

export interface ConfigurationResult {
  processes: number;
  openMs: number;
  recordedMs: number | null;
  acceptedMs: number | null;
  pushesPerSecond: number;
  broadcast: { min: number; p50: number; p99: number; max: number; received: number; sockets: number };
  socketsConnectMs: number;
  /** Peak RSS of each server process (sampled every 100 ms, and the kernel's high-water mark). */
  peakRss: number[];
  cpu: CpuUse<'servers' | 'receiver' | 'postgres' | 'sockets'>;
  checks: Checks;
}

/** Time for the servers to finish the catch-up queries of the last sockets to connect. */
const CATCH_UP_MS = 3_000;

/** Server processes on one database; with more than one, Socket.IO is joined through PostgreSQL. */
async function startServers(prepared: Prepared, processes: number): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  // One after the other: each runs the (already applied) migrations and bootstrap at start.
  for (let index = 0; index < processes; index++) {
    servers.push(
      await startServerProcess({
        databaseUrl: prepared.db.url,
        receiverOrigin: prepared.receiver.origin,
        caCertPath: prepared.caCertPath,
        deliveryWorkers: true,
        cluster: processes > 1,
      }),
    );
  }
  return servers;
}

/** Runs `work`; an error carries the end of each server's own output. */
async function withServers<T>(servers: ServerProcess[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const outputs = servers.map(
      (server, index) =>
        `--- server ${index + 1} output (end) ---\n${server.spawned.output().trim().slice(-3_000)}`,
    );
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n${outputs.join('\n')}`, { cause: error });
  }
}

/**
 * One configuration: `processes` servers with their delivery workers, the socket clients connected and
 * subscribed, then the nurse opens OPD once. Measured from the moment the open request is sent. Leaves
 * the database as it found it (OPD closed, no notification history) and stops everything it started.
 */
export async function measureConfiguration(
  setup: SystemSetup,
  processes: number,
  settle: () => Promise<void>,
): Promise<ConfigurationResult> {
  const servers = await startServers(setup, processes);
  try {
    return await withServers(servers, () => openOnce(setup, servers, settle));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await resetQueues(setup.db);
  }
}

async function openOnce(
  setup: SystemSetup,
  servers: ServerProcess[],
  settle: () => Promise<void>,
): Promise<ConfigurationResult> {
  const { socketPatients } = setup;
  console.log(`  connecting ${socketPatients.userIds.length.toLocaleString('en')} sockets...`);
  const sockets = await startSocketClients({
    urls: servers.map((server) => server.url),
    tokensFile: socketPatients.tokensFile,
    workDir: setup.workDir,
    department: DEPARTMENT,
    count: socketPatients.userIds.length,
  });
  try {
    return await measureOpening(setup, servers, sockets, settle);
  } finally {
    // Idempotent: after finish() this is a no-op; after an error it keeps the clients from reconnecting.
    await sockets.stop();
  }
}

async function measureOpening(
  setup: SystemSetup,
  servers: ServerProcess[],
  sockets: SocketClients,
  settle: () => Promise<void>,
): Promise<ConfigurationResult> {
  const { db, receiver, socketPatients } = setup;
  const first = servers[0] as ServerProcess;
  console.log(
    `  ${sockets.connected.toLocaleString('en')} connected and subscribed in ${(sockets.connectMs / 1000).toFixed(1)} s`,
  );
  // A socket is ready at its subscribe ack, but the server's catch-up for it (two queries) runs after.
  await sleep(CATCH_UP_MS);
  await settle();
  const token = await signIn(first.url, NURSE);
  const before = await receiver.stats();
  const rss = servers.map((server) => sampleRss(server.pid));
  const groups = () => ({
    servers: servers.map((server) => server.pid),
    receiver: [receiver.pid],
    postgres: db.dataDir ? postgresPids(db.dataDir) : [],
    sockets: [sockets.pid],
  });
  const cpuBefore = cpuSnapshot(Object.values(groups()).flat());
  const serversAlive = () => {
    for (const server of servers) {
      const { exitCode, signalCode } = server.spawned.child;
      if (exitCode !== null || signalCode !== null) {
        throw new Error(`a server exited (${exitCode ?? signalCode}) during the fan-out`);
      }
    }
  };

  // The broadcast's latency runs from here, on the machine's clock shared with the socket process.
  const sentAt = performance.timeOrigin + performance.now();
  const started = performance.now();
  const { ms: openMs, answer } = await changeQueue(first.url, token, 'open');
  const { eventKey, recorded, accepted } = await watchOpening(setup, {
    before,
    started,
    expectedPushes: setup.expectedPushes,
    alive: serversAlive,
  });
  // Every socket's queue:status, or give up waiting 30 s after the pushes are done.
  const statusDone = Promise.race([sockets.allStatus, accepted.then(() => sleep(30_000))]);
  const [recordedAt, acceptedAt] = await Promise.all([recorded, accepted, statusDone]);
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(Object.values(groups()).flat()), groups());

  // Let retries and socket acks land, so that a duplicate or a late failure shows in the checks.
  await pushesSettled(db, serversAlive);
  await pollUntil(
    async () =>
      (await count(
        db,
        `SELECT count(*) AS n FROM notifications WHERE event_key = $1 AND delivery_status = 'delivered'`,
        [eventKey],
      )) >= sockets.connected,
    100,
    15_000,
    serversAlive,
  );
  await sleep(1_000);
  const peakRss = rss.map((sampler) => sampler.stop().peak);
  const after = await receiver.stats();
  const socketsResult = await sockets.finish();
  const latencies = socketsResult.statusAt.flatMap((at) => (at === null ? [] : [at - sentAt]));
  const checks = await configurationChecks(setup, {
    eventKey,
    answer,
    accepted: after.acceptedTotal - before.acceptedTotal,
    rejected: after.rejectedTotal - before.rejectedTotal,
    sockets: socketsResult,
  });
  const acceptedMs = acceptedAt === null ? null : acceptedAt - started;
  return {
    processes: servers.length,
    openMs,
    recordedMs: recordedAt === null ? null : recordedAt - started,
    acceptedMs,
    pushesPerSecond: acceptedMs === null ? 0 : (setup.expectedPushes / acceptedMs) * 1000,
    broadcast: {
      min: latencies.length > 0 ? Math.min(...latencies) : Number.NaN,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.length > 0 ? Math.max(...latencies) : Number.NaN,
      received: latencies.length,
      sockets: socketPatients.userIds.length,
    },
    socketsConnectMs: sockets.connectMs,
    peakRss,
    cpu,
    checks,
  };
}
