import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { AppContext } from './context';
import { migrateUp } from './db/migrate';
import { openDatabase } from './db/open';
import type { OpenDatabase } from './db/open';
import { bootstrap } from './bootstrap';
import type { BootstrapResult } from './bootstrap';
import { buildHttpApp } from './http/app';
import type { Logger } from './logger';

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  http: FastifyInstance;
  firstStart: BootstrapResult;
  close(): Promise<void>;
}

/** Everything `npm start` runs, in order; tests start the same thing on port 0. */
export async function startServer(
  config: Config,
  logger: Logger,
  database?: OpenDatabase,
): Promise<RunningServer> {
  const db = database ?? (await openDatabase(config, logger));
  try {
    const applied = await migrateUp(db.sequelize);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const firstStart = await bootstrap(db.sequelize, { seedDemo: config.seedDemo });
    const ctx: AppContext = { config, logger, sequelize: db.sequelize };
    const http = await buildHttpApp(ctx);
    await http.listen({ port: config.port, host: config.host });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    let closing: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      ctx,
      http,
      firstStart,
      close() {
        closing ??= (async () => {
          await http.close();
          await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
