import type { MigrationFn } from './types';

/** A fan-out carries its words in every language, so each patient's notification is in their own. */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE fanouts ADD COLUMN texts jsonb NOT NULL DEFAULT '{}';`);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE fanouts DROP COLUMN texts;`);
};
