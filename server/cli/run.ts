import type { Sequelize } from 'sequelize';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open';
import { ApiError } from '../http/errors';
import { createLogger } from '../logger';
import type { Logger } from '../logger';

export interface CliContext {
  sequelize: Sequelize;
  logger: Logger;
  out: (line: string) => void;
}

export class CliError extends Error {}

/**
 * Runs one CLI command against the configured database: DATABASE_URL, or the embedded cluster under
 * DATA_DIR, which it joins when the server has it running and otherwise starts and stops itself.
 */
export async function withDatabase(work: (ctx: CliContext) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase(config, logger);
  try {
    await work({ sequelize: db.sequelize, logger, out: (line) => console.log(line) });
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
