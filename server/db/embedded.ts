import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { Logger } from '../logger';
import {
  clusterDir,
  findRunningCluster,
  isAlive,
  isInitialised,
  readOrCreateCredentials,
  withStartLock,
} from './embedded-files';
import { loadBinaries, loadEmbeddedPostgres, runAsIds } from './embedded-binaries';
import type { Credentials } from './embedded-files';

/**
 * The embedded PostgreSQL used when no DATABASE_URL is given. Several processes (the server, a CLI
 * command) may share one cluster under DATA_DIR: the first starts it, the others attach to it, and
 * the last one to leave stops it.
 */
export interface EmbeddedCluster {
  /** Connection URL of the maintenance database (`postgres`) on this cluster. */
  adminUrl: string;
  urlFor(database: string): string;
  port: number;
  /** Stops the cluster unless another process is still connected to it. */
  release(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  logger: Logger;
  /** Test clusters trade durability for speed. */
  fast?: boolean;
}

export async function acquireEmbeddedCluster(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const { dataDir, logger } = options;
  const credentials = await readOrCreateCredentials(dataDir);
  return withStartLock(dataDir, async () => {
    const running = await findRunningCluster(dataDir);
    if (running) {
      logger.debug({ port: running.port }, 'using the embedded PostgreSQL already running');
      return makeHandle(credentials, running.port, () => stopByPid(running.pid));
    }
    if (!(await isInitialised(dataDir))) {
      logger.info({ dir: clusterDir(dataDir) }, 'creating the embedded PostgreSQL cluster (first start)');
      await initialiseCluster(dataDir, credentials, logger);
    }
    const started = await startCluster(dataDir, options.fast ?? false);
    logger.info({ port: started.port }, 'embedded PostgreSQL started');
    return makeHandle(credentials, started.port, () => stopByPid(started.pid));
  });
}

function makeHandle(credentials: Credentials, port: number, stop: () => Promise<void>): EmbeddedCluster {
  const urlFor = (database: string) =>
    `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  let released = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    port,
    async release() {
      if (released) return;
      released = true;
      if (await othersConnected(urlFor('postgres'))) return;
      await stop();
    },
  };
}

async function othersConnected(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ count: string }>(
      `SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    return Number(result.rows[0]?.count ?? 0) > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": clients are disconnected and the data is flushed cleanly. */
async function stopByPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function initialiseCluster(dataDir: string, credentials: Credentials, logger: Logger): Promise<void> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const instance = new EmbeddedPostgres({
    databaseDir: clusterDir(dataDir),
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message: string) => logger.trace({ postgres: message.trim() }, 'initdb'),
    onError: (error: unknown) => logger.error({ err: error }, 'initdb error'),
  });
  await instance.initialise();
}

/**
 * pg_ctl starts the cluster in its own session, so a Ctrl-C aimed at this process does not reach it and
 * it can outlive us while another process still uses it; it waits until the server accepts connections.
 */
async function startCluster(dataDir: string, fast: boolean): Promise<{ pid: number; port: number }> {
  const { pg_ctl } = await loadBinaries();
  const dir = clusterDir(dataDir);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const flags = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      ...(fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
    ].join(' ');
    const code = await run(pg_ctl, [
      '-D',
      dir,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '120',
      '-o',
      flags,
      'start',
    ]);
    const running = await findRunningCluster(dataDir);
    if (code === 0 && running) return running;
    if (attempt >= 3) {
      throw new Error(
        `The embedded PostgreSQL in ${dir} did not start; see ${path.join(dir, 'server.log')} for its own words.`,
      );
    }
  }
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAsIds(), detached: true, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
