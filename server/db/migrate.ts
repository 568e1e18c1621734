import { Umzug, SequelizeStorage } from 'umzug';
import type { MigrationParams, RunnableMigration } from 'umzug';
import type { Sequelize } from 'sequelize';
import { migrations } from './migrations/index';
import type { MigrationContext, MigrationFn } from './migrations/types';

export type { MigrationContext, MigrationFn };

function inTransaction(sequelize: Sequelize, migration: RunnableMigration<MigrationContext>) {
  const run = (step: MigrationFn | undefined) => async (params: MigrationParams<MigrationContext>) => {
    if (!step) return;
    await sequelize.transaction(async (transaction) => {
      await step({ ...params, context: { query: (sql) => sequelize.query(sql, { transaction }) } });
    });
  };
  return { name: migration.name, up: run(migration.up), down: run(migration.down) };
}

/** Where Umzug records the migrations applied. */
export const MIGRATIONS_TABLE = 'schema_migrations';

export function createMigrator(sequelize: Sequelize): Umzug<MigrationContext> {
  return new Umzug<MigrationContext>({
    migrations: migrations.map((migration) => inTransaction(sequelize, migration)),
    context: { query: (sql) => sequelize.query(sql) },
    storage: new SequelizeStorage({ sequelize, tableName: MIGRATIONS_TABLE }),
    logger: undefined,
  });
}

export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const applied = await createMigrator(sequelize).up();
  return applied.map((migration) => migration.name);
}

/** Reverts the last migration, or all of them with `{to: 0}`. */
export async function migrateDown(sequelize: Sequelize, options: { to?: 0 } = {}): Promise<string[]> {
  const reverted = await createMigrator(sequelize).down(options.to === 0 ? { to: 0 } : undefined);
  return reverted.map((migration) => migration.name);
}
