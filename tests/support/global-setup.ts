import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createSequelize } from '../../server/db/connection';
import { acquireEmbeddedCluster } from '../../server/db/embedded';
import type { EmbeddedCluster } from '../../server/db/embedded';
import { migrateUp } from '../../server/db/migrate';
import { createLogger } from '../../server/logger';
import { createTestTls } from './test-tls';
import { ROOT } from './process';

/**
 * One PostgreSQL for the whole run: the embedded one (default) or TEST_DATABASE_URL's server. A template
 * database is migrated once; each test file then gets a copy of it in milliseconds (tests/support/db.ts).
 * Also a throwaway certificate authority that every test worker trusts (Node reads NODE_EXTRA_CA_CERTS
 * only at start, and the workers start after this), for the HTTPS push receiver.
 */
/** Browser tests load the built apps from the server; build them from the current sources first. */
async function buildWebApps(): Promise<void> {
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which makes Vite bundle React's development build: test what production serves.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const config of ['pwa/vite.config.ts', 'electron/renderer/vite.config.ts']) {
      await build({ configFile: path.join(ROOT, config), logLevel: 'warn', mode: 'production' });
    }
  } finally {
    process.env.NODE_ENV = previous;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.QB_SKIP_WEB_BUILD !== 'true') await buildWebApps();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queuebell-test-'));
  // The embedded cluster runs as the `postgres` OS user when we are root; it must reach its directory.
  fs.chmodSync(workDir, 0o755);

  const tlsDir = path.join(workDir, 'tls');
  fs.mkdirSync(tlsDir);
  const tls = createTestTls(tlsDir);
  process.env.QB_TEST_TLS_DIR = tlsDir;
  process.env.NODE_EXTRA_CA_CERTS = tls.caCertPath;

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
