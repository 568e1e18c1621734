import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createSequelize } from '../../../server/db/connection';
import { acquireEmbeddedCluster } from '../../../server/db/embedded';
import type { EmbeddedCluster } from '../../../server/db/embedded';
import { migrateUp } from '../../../server/db/migrate';
import { createLogger } from '../../../server/logger';
import { sharedSetup } from './shared';

/**
 * One PostgreSQL for the whole run, shared by every project that needs one: the embedded one (default)
 * or TEST_DATABASE_URL's server. A template database is migrated once; each test file then gets a copy
 * of it in milliseconds (tests/support/db.ts).
 */
export default function setup(): Promise<() => Promise<void>> {
  return sharedSetup('database', startDatabase);
}

async function startDatabase(): Promise<() => Promise<void>> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queuebell-test-'));
  // The embedded cluster runs as the `postgres` OS user when we are root; it must reach its directory.
  fs.chmodSync(workDir, 0o755);

  let cluster: EmbeddedCluster | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    cluster = await acquireEmbeddedCluster({
      dataDir: path.join(workDir, 'data'),
      logger: createLogger('warn'),
      fast: true,
    });
    adminUrl = cluster.adminUrl;
  }
  const template = `qb_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const sequelize = createSequelize({ url: withDatabase(adminUrl, template), poolMax: 2 });
  await migrateUp(sequelize);
  await sequelize.close();
  process.env.QB_TEST_ADMIN_URL = adminUrl;
  process.env.QB_TEST_TEMPLATE = template;

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'qb_t_${process.pid}_%' OR datname = $1`,
      [template],
    );
    for (const row of leftovers.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
    await cluster?.release();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
