import path from 'node:path';
import pg from 'pg';
import { createSequelize } from '../../../server/db/connection';
import { acquireEmbeddedCluster } from '../../../server/db/embedded';
import { migrateUp } from '../../../server/db/migrate';
import { bootstrap } from '../../../server/bootstrap';
import { createLogger } from '../../../server/logger';
import { createUser } from '../../../server/commands/create-user';
import { hashPassword } from '../../../server/accounts/passwords';
import { deterministicSubscription } from '../../support/push-receiver';
import { onCleanup } from './cleanup';
import { progress } from './progress';

export interface BenchDatabase {
  url: string;
  /** Connections for the benchmark's own queries (seeding, polling, checks). */
  pool: pg.Pool;
  where: string;
  /** The embedded cluster's data directory, to find its processes; undefined on BENCH_DATABASE_URL. */
  dataDir: string | undefined;
}

const DATABASE = `queuebell_bench_${process.pid}`;

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, migrated database on BENCH_DATABASE_URL's server, or on an embedded cluster in `workDir`. */
export async function openBenchDatabase(workDir: string): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let where = 'BENCH_DATABASE_URL';
  let dataDir: string | undefined;
  if (!adminUrl) {
    console.log('Starting an embedded PostgreSQL (durable settings, as in production)...');
    dataDir = path.join(workDir, 'data');
    const cluster = await acquireEmbeddedCluster({
      dataDir,
      logger: createLogger('warn'),
      fast: false,
    });
    onCleanup('embedded PostgreSQL', () => cluster.release());
    adminUrl = cluster.adminUrl;
    where = 'embedded PostgreSQL 17 (fsync on)';
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  onCleanup('bench database', async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.end();
  });
  const url = withDatabase(adminUrl, DATABASE);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  onCleanup('bench connections', () => pool.end());
  return { url, pool, where, dataDir };
}

export const NURSE = { email: 'nurse@bench.invalid', password: 'bench nurse password' };

export interface Seeded {
  /** The highest patient id: a fan-out whose cursor reaches it has recorded every notification. */
  lastPatientId: number;
}

/**
 * Schema, departments and one nurse through the application's own code; then the patients and their
 * subscriptions with set-based SQL (one argon2 hash shared by all: hashing 100,000 passwords would
 * take longer than the whole benchmark and measures nothing of the fan-out).
 */
export async function seed(
  db: BenchDatabase,
  opts: { patients: number; receiverOrigin: string; seed: string },
): Promise<Seeded> {
  const sequelize = createSequelize({ url: db.url, poolMax: 2 });
  try {
    await migrateUp(sequelize);
    await createUser({ ...NURSE, name: 'Bench Nurse', role: 'nurse' });
    await bootstrap(sequelize, { seedDemo: true });
  } finally {
    await sequelize.close();
  }

  const passwordHash = await hashPassword('bench patient password');
  const chunk = 10_000;
  const users = progress('patients', opts.patients);
  for (let from = 1; from <= opts.patients; from += chunk) {
    const to = Math.min(opts.patients, from + chunk - 1);
    await db.pool.query(
      `INSERT INTO users (email, password_hash, name, role)
       SELECT 'patient' || g || '@bench.invalid', $1, 'Patient ' || g, 'patient' FROM generate_series($2::int, $3::int) g`,
      [passwordHash, from, to],
    );
    users.update(to);
  }
  users.done();

  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'patient' ORDER BY id`,
  );
  const ids = rows.map((row) => Number(row.id));
  const subscriptions = progress('push subscriptions', ids.length);
  for (let from = 0; from < ids.length; from += chunk) {
    const slice = ids.slice(from, from + chunk);
    const endpoints: string[] = [];
    const p256dh: string[] = [];
    const auth: string[] = [];
    for (const id of slice) {
      const subscription = deterministicSubscription({
        origin: opts.receiverOrigin,
        seed: opts.seed,
        id: `u${id}`,
      });
      endpoints.push(subscription.endpoint);
      p256dh.push(subscription.keys.p256dh);
      auth.push(subscription.keys.auth);
    }
    await db.pool.query(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`,
      [slice, endpoints, p256dh, auth],
    );
    subscriptions.update(from + slice.length);
  }
  subscriptions.done();
  // As after a night of autovacuum: the planner knows the table sizes.
  await db.pool.query('VACUUM ANALYZE');
  return { lastPatientId: ids.at(-1) ?? 0 };
}

/** Back to a closed OPD with no notification history, between the answer-time and fan-out phases. */
export async function resetQueues(db: BenchDatabase): Promise<void> {
  await db.pool.query(`DELETE FROM fanouts; DELETE FROM notifications; DELETE FROM queue_events;
    UPDATE queues SET is_open = false, manual_override = false, closed_at = now()`);
  await db.pool.query('VACUUM ANALYZE notifications, fanouts, queue_events');
}
