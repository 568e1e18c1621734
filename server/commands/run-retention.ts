import type { Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { runRetention } from '../privacy/retention';
import type { RetentionOptions, RetentionSummary } from '../privacy/retention';

/** Retention now (the CLI's `retention:run`), as the nightly job does it; logged unless a dry run. */
export async function runRetentionNow(
  deps: { sequelize: Sequelize; clock: Clock; logger: Logger },
  options: Pick<RetentionOptions, 'retentionDays' | 'dryRun' | 'onProgress'>,
): Promise<RetentionSummary> {
  const summary = await runRetention(deps.sequelize, { ...options, now: deps.clock.now() });
  if (!options.dryRun) deps.logger.info({ retention: summary }, 'retention run done');
  return summary;
}
