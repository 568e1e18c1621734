import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { runRetentionNow } from '../../commands/run-retention';
import { RETENTION_STEPS, STEP_LABELS } from '../../privacy/retention';
import type { RetentionStep, RetentionSummary } from '../../privacy/retention';
import { cliAction, withDatabase } from '../run';

const HELP = `
What the nightly job does at 03:00 hospital time, now: notifications older than RETENTION_DAYS (default 90)
are deleted with their email and SMS records, finished tickets older than that lose their link to the
patient (the day's statistics stay), and expired or revoked sessions, used or expired reset tokens and old
rate-limit counters are deleted. Everything goes in small batches, so running servers are not held up.

Examples:
  npm run cli -- retention:run --dry-run
  npm run cli -- retention:run`;

export function registerRetentionCommands(program: Command): void {
  program
    .command('retention:run')
    .description(
      'Apply the retention policy now (RETENTION_DAYS): delete old notifications, unlink old tickets, …',
    )
    .option('--dry-run', 'only report what would be deleted or unlinked; change nothing')
    .addHelpText('after', HELP)
    .action(cliAction(retention));
}

async function retention(options: { dryRun?: boolean }): Promise<void> {
  await withDatabase(async ({ sequelize, config, clock, logger, out }) => {
    const progress = progressBar();
    let summary: RetentionSummary;
    try {
      summary = await runRetentionNow(
        { sequelize, clock, logger },
        { retentionDays: config.retentionDays, dryRun: options.dryRun, onProgress: progress.update },
      );
    } finally {
      progress.stop();
    }
    const days = `${config.retentionDays} day${config.retentionDays === 1 ? '' : 's'}`;
    out(
      options.dryRun
        ? `Dry run (retention ${days}): nothing was changed. A run would do this:`
        : `Retention run done (retention ${days}):`,
    );
    for (const step of RETENTION_STEPS) out(`  ${String(summary[step]).padStart(7)} ${STEP_LABELS[step]}`);
  });
}

/** One bar across every step, on a terminal only (a pipe or a log gets just the summary). */
function progressBar(): { update: (step: RetentionStep, done: number, total: number) => void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: '{step} [{bar}] {value}/{total}',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(step, done, total) {
      if (!started) bar.start(total, done, { step: STEP_LABELS[step] });
      started = true;
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { step: STEP_LABELS[step] });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
