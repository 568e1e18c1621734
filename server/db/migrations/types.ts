import type { MigrationParams } from 'umzug';

/** What a migration gets: plain SQL bound to the migration's own transaction, so each one is atomic. */
export interface MigrationContext {
  query(sql: string): Promise<unknown>;
}
export type MigrationFn = (params: MigrationParams<MigrationContext>) => Promise<unknown>;
