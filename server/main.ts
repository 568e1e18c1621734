import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

/** `npm start`: the whole system on one port, on the embedded PostgreSQL unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  const base = config.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${server.port}`;
  if (server.firstStart.admin) {
    console.log(
      '\nFirst start: an administrator account was created. Keep this password; it is not shown again.',
    );
    console.log(`Admin email: ${server.firstStart.admin.email}`);
    console.log(`Admin password: ${server.firstStart.admin.password}\n`);
  }
  console.log(`Queuebell is running.`);
  console.log(`  Patient app:  ${base}/`);
  console.log(`  Kiosk:        ${base}/kiosk`);
  console.log(`  Nurse console: ${base}/console/`);
  console.log(`  Health:       ${base}/healthz`);

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Started by `npm run start:cluster`: stop when the supervisor goes away.
  if (process.send) process.once('disconnect', () => stop('supervisor exited'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`Queuebell could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
