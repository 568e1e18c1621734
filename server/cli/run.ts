import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { systemClock } from '../clock';
import type { Clock } from '../clock';
import { loadConfig } from '../config';
import type { Config } from '../config';
import { createMigrator, MIGRATIONS_TABLE } from '../db/migrate';
import { openDatabase } from '../db/open';
import { ApiError } from '../errors';
import { createLogger } from '../logger';
import type { Logger } from '../logger';

/** What a CLI command has: the database, its configuration and clock, and where its lines go. */
export interface CliContext {
  sequelize: Sequelize;
  logger: Logger;
  config: Config;
  clock: Clock;
  out: (line: string) => void;
}

export class CliError extends Error {}

const MIGRATE_HINT =
  'Run `npm run cli -- db:migrate` (or start the server once: it migrates at start-up), then this command again.';

/**
 * A database the server has never set up (a new DATA_DIR, a new DATABASE_URL) would fail a command with
 * `relation "users" does not exist`, and one a version behind could half work: this says which, and what
 * to do.
 */
async function requireSchema(sequelize: Sequelize): Promise<void> {
  // Asked before Umzug, whose first look creates its bookkeeping table: a check should change nothing.
  const [found] = await sequelize.query<{ table: string | null }>(
    `SELECT to_regclass(:table)::text AS table`,
    { replacements: { table: MIGRATIONS_TABLE }, type: QueryTypes.SELECT },
  );
  if (!found?.table) throw new CliError(`This database has no Queuebell tables yet. ${MIGRATE_HINT}`);
  const pending = await createMigrator(sequelize).pending();
  if (pending.length > 0) {
    throw new CliError(
      `This database is ${pending.length} migration(s) behind this version of Queuebell ` +
        `(next: ${pending[0]?.name}). ${MIGRATE_HINT}`,
    );
  }
}

/**
 * Runs one CLI command against the configured database: DATABASE_URL, or the embedded cluster under
 * DATA_DIR, which it joins when the server has it running and otherwise starts and stops itself.
 * Every command but the migrations' own needs the schema to be current (`needsSchema`).
 */
export async function withDatabase(
  work: (ctx: CliContext) => Promise<void>,
  options: { needsSchema?: boolean } = {},
): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase(config, logger);
  try {
    if (options.needsSchema !== false) await requireSchema(db.sequelize);
    await work({
      sequelize: db.sequelize,
      logger,
      config,
      clock: systemClock,
      out: (line) => console.log(line),
    });
  } finally {
    await db.close();
  }
}

/** Turns any failure into one line that says what to do, and a non-zero exit. */
export function reportFailure(error: unknown): never {
  if (error instanceof ApiError) {
    const details = error.details?.map(
      (detail) => `  ${detail.path.replace(/^body\./, '--')}: ${detail.message}`,
    );
    console.error([`Error: ${error.message}`, ...(details ?? [])].join('\n'));
  } else if (error instanceof CliError) {
    console.error(`Error: ${error.message}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}\nCheck DATABASE_URL or DATA_DIR, or run with LOG_LEVEL=debug for more.`);
  }
  process.exit(1);
}

/** A commander action whose failure is reported as one line and a non-zero exit, never a stack trace. */
export function cliAction<Args extends unknown[]>(
  action: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      reportFailure(error);
    }
  };
}
