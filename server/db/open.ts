import pg from 'pg';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createSequelize } from './connection';
import { acquireEmbeddedCluster } from './embedded';

export interface OpenDatabase {
  sequelize: Sequelize;
  url: string;
  /** True when this process is using the embedded cluster under DATA_DIR. */
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'queuebell';

/** DATABASE_URL when given, otherwise the embedded PostgreSQL under DATA_DIR (started if need be). */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const sequelize = createSequelize({ url: config.databaseUrl });
    return { sequelize, url: config.databaseUrl, embedded: false, close: () => sequelize.close() };
  }
  const cluster = await acquireEmbeddedCluster({ dataDir: config.dataDir, logger });
  try {
    await ensureDatabase(cluster.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await cluster.release();
    throw error;
  }
  const url = cluster.urlFor(EMBEDDED_DATABASE);
  const sequelize = createSequelize({ url });
  return {
    sequelize,
    url,
    embedded: true,
    async close() {
      await sequelize.close();
      await cluster.release();
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
        .catch((error: { code?: string }) => {
          // Another process created it between our check and our CREATE.
          if (error.code !== '42P04') throw error;
        });
    }
  } finally {
    await client.end();
  }
}
