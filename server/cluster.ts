import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createSequelize } from './db/connection';
import { acquireEmbeddedCluster } from './db/embedded';
import type { EmbeddedCluster } from './db/embedded';
import { migrateUp } from './db/migrate';
import { ensureDatabase } from './db/open';
import { createLogger } from './logger';

/**
 * `npm run start:cluster -- -n 2`: N server processes on consecutive ports (PORT, PORT+1, …) sharing one
 * PostgreSQL (the embedded one unless DATABASE_URL is set), with Socket.IO joined through PostgreSQL.
 * This process prepares the database once, then supervises: if one server dies, the others go on.
 */
function processCount(argv: string[]): number {
  const index = argv.findIndex((arg) => arg === '-n' || arg === '--processes');
  const value = index >= 0 ? Number(argv[index + 1]) : os.availableParallelism();
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new ConfigError(
      'Give the number of server processes as -n N (1 to 64), e.g. npm run start:cluster -- -n 2',
    );
  }
  return value;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const count = processCount(process.argv.slice(2));
  let embedded: EmbeddedCluster | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await acquireEmbeddedCluster({ dataDir: config.dataDir, logger });
    await ensureDatabase(embedded.adminUrl, 'queuebell');
    databaseUrl = embedded.urlFor('queuebell');
  }
  const sequelize = createSequelize({ url: databaseUrl, poolMax: 2 });
  await migrateUp(sequelize);
  const firstStart = await bootstrap(sequelize, { seedDemo: config.seedDemo });
  await sequelize.close();
  if (firstStart.admin) {
    console.log(
      '\nFirst start: an administrator account was created. Keep this password; it is not shown again.',
    );
    console.log(`Admin email: ${firstStart.admin.email}`);
    console.log(`Admin password: ${firstStart.admin.password}\n`);
  }

  const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
  const children: ChildProcess[] = [];
  for (let index = 0; index < count; index++) {
    const port = config.port + index;
    const child = spawn(process.execPath, [...process.execArgv, entry], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        CLUSTER: 'true',
        SOCKET_ADAPTER: 'postgres',
      },
      // The IPC channel closes when this supervisor dies, however it dies, and the servers then stop too.
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    child.on('exit', (code, signal) => logger.warn({ port, code, signal }, 'a server process ended'));
    children.push(child);
  }
  console.log(`Started ${count} server processes on ports ${config.port}–${config.port + count - 1}.`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill(signal);
          }),
      ),
    );
    await embedded?.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Queuebell could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
