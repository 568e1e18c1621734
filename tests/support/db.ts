import crypto from 'node:crypto';
import pg from 'pg';
import { withDatabase } from './setup/database';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through vitest (npm test).`);
  return value;
}

/** Runs one statement as the cluster's administrator, outside any test database. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: required('QB_TEST_ADMIN_URL') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function makeDatabase(template: string | undefined): Promise<TestDatabase> {
  // Named after the run (the database setup's pid) so that teardown can find and drop any left behind.
  const run = required('QB_TEST_TEMPLATE').split('_').pop() ?? 'run';
  const name = `qb_t_${run}_${crypto.randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return {
    url: withDatabase(required('QB_TEST_ADMIN_URL'), name),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A fresh, migrated database: a copy of the template that tests/support/setup/database.ts prepared. */
export function createTestDatabase(): Promise<TestDatabase> {
  return makeDatabase(required('QB_TEST_TEMPLATE'));
}

/** A database with nothing in it, for migration tests. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return makeDatabase(undefined);
}
