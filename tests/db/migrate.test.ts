import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../server/db/connection';
import { migrateDown, migrateUp } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations/index';
import { createEmptyDatabase } from '../support/db';
import type { TestDatabase } from '../support/db';

let db: TestDatabase;
let sequelize: Sequelize;
beforeAll(async () => {
  db = await createEmptyDatabase();
  sequelize = createSequelize({ url: db.url, poolMax: 2 });
});
afterAll(async () => {
  await sequelize.close();
  await db.drop();
});

async function tables(): Promise<string[]> {
  const rows = await sequelize.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((row) => row.tablename);
}

it('runs every migration up, down one by one, and up again', async () => {
  expect(await migrateUp(sequelize)).toEqual(migrations.map((migration) => migration.name));
  const full = await tables();
  expect(full).toEqual(
    expect.arrayContaining(['users', 'sessions', 'departments', 'queues', 'login_failures']),
  );

  for (let step = migrations.length - 1; step >= 0; step--) {
    expect(await migrateDown(sequelize)).toEqual([migrations[step]?.name]);
  }
  expect(await tables()).toEqual([]);

  expect(await migrateUp(sequelize)).toHaveLength(migrations.length);
  expect(await tables()).toEqual(full);
  expect(await migrateUp(sequelize)).toEqual([]);
});
