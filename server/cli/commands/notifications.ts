import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { NotificationStats } from '../../../shared/notifications';
import { retryFailed } from '../../commands/retry-failed';
import { planPrune, pruneBatch } from '../../notifications/prune';
import type { PrunePlan } from '../../notifications/prune';
import { notificationStats } from '../../notifications/stats';
import { departmentId, departmentOption } from '../department-option';
import { CliError, cliAction, withDatabase } from '../run';
import type { CliContext } from '../run';

const UNITS = { d: 'day', h: 'hour', m: 'minute' } as const;
type Unit = keyof typeof UNITS;

export interface Duration {
  amount: number;
  unit: Unit;
}

/** `90d`, `12h`, `30m`: a whole number (at least 1) of days, hours or minutes. */
export function parseDuration(text: string): Duration {
  const match = /^([1-9]\d{0,5})([dhm])$/.exec(text.trim().toLowerCase());
  if (!match) {
    throw new CliError(
      `--older-than must be a whole number of days, hours or minutes such as 90d, 12h or 30m, not "${text}".`,
    );
  }
  return { amount: Number(match[1]), unit: match[2] as Unit };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeDuration(duration: Duration): string {
  return plural(duration.amount, UNITS[duration.unit]);
}

const PRUNE_HELP = `
Older notifications are history and are deleted whatever their state, including any whose push delivery
is still pending or being retried (the dry run says how many of those there are). Patients no longer
see deleted notifications in the app.

Examples:
  npm run cli -- notifications:prune --older-than 90d --dry-run
  npm run cli -- notifications:prune --older-than 90d`;

const RETRY_HELP = `
A notification counts as failed when its delivery or its push failed. Each one goes back to the outbox
with its attempt count and last error cleared, and running servers are told to deliver them at once.
Devices that already accepted it are not sent it again.`;

export function registerNotificationCommands(program: Command): void {
  program
    .command('notifications:stats')
    .description(
      'Count notifications by delivery status (and how many were read), and by channel, overall or for one department.',
    )
    .option('--department <code>', 'only notifications about this department (e.g. OPD)')
    .action(cliAction(showStats));

  program
    .command('notifications:prune')
    .description('Delete notifications created longer ago than --older-than, in batches.')
    .requiredOption('--older-than <age>', 'a whole number of days, hours or minutes: 90d, 12h, 30m')
    .option('--dry-run', 'only report how many would be deleted; change nothing')
    .addHelpText('after', PRUNE_HELP)
    .action(cliAction(prune));

  program
    .command('notifications:retry-failed')
    .description('Queue failed notifications for another push attempt, with a fresh set of retries.')
    .option('--department <code>', 'only notifications about this department (e.g. OPD)')
    .addHelpText('after', RETRY_HELP)
    .action(cliAction(retry));
}

async function showStats(options: { department?: string }): Promise<void> {
  const department = departmentOption(options.department);
  await withDatabase(async ({ sequelize, out }) => {
    if (department !== undefined) await departmentId(sequelize, department);
    const stats = await notificationStats(sequelize, { department });
    const statusRows: StatsRow[] = [
      ['Total', stats.total],
      ['Pending', stats.pending],
      ['Sent', stats.sent],
      ['Delivered', stats.delivered],
      ['Failed', stats.failed],
      ['Read', stats.read],
    ];
    const byChannel = channelRows(stats.byChannel);
    // One column for every figure, channels included.
    const rows = [...statusRows, ...byChannel];
    const labelWidth = Math.max(...rows.map(([label]) => label.length));
    const valueWidth = Math.max(...rows.map(([, value]) => String(value).length));
    const line = ([label, value]: StatsRow) =>
      `  ${label.padEnd(labelWidth)}  ${String(value).padStart(valueWidth)}`;
    out(department === undefined ? 'Notifications, all departments:' : `Notifications for ${department}:`);
    for (const row of statusRows) out(line(row));
    out('By channel:');
    for (const row of byChannel) out(line(row));
  });
}

type StatsRow = [label: string, value: number];

/** Push as the push services and devices answered; email and SMS as their servers did. */
function channelRows(byChannel: NotificationStats['byChannel']): StatsRow[] {
  return [
    ['Push sent', byChannel.push.sent],
    ['Push delivered', byChannel.push.delivered],
    ['Push failed', byChannel.push.failed],
    ['Email sent', byChannel.email.sent],
    ['Email failed', byChannel.email.failed],
    ['SMS sent', byChannel.sms.sent],
    ['SMS failed', byChannel.sms.failed],
  ];
}

async function prune(options: { olderThan: string; dryRun?: boolean }): Promise<void> {
  const duration = parseDuration(options.olderThan);
  await withDatabase(async ({ sequelize, out }) => {
    const plan = await planPrune(sequelize, {
      days: duration.unit === 'd' ? duration.amount : 0,
      hours: duration.unit === 'h' ? duration.amount : 0,
      mins: duration.unit === 'm' ? duration.amount : 0,
    });
    const what = `older than ${describeDuration(duration)} (created before ${plan.cutoff.toISOString()})`;
    const stillPending =
      plan.undelivered > 0 ? `; ${plan.undelivered} of them still awaiting push delivery` : '';
    if (options.dryRun) {
      out(`Would delete ${plural(plan.total, 'notification')} ${what}${stillPending}. Nothing was changed.`);
      return;
    }
    const deleted = await deleteInBatches(sequelize, plan);
    out(`Deleted ${plural(deleted, 'notification')} ${what}${stillPending}.`);
  });
}

/** Every batch up to the plan's cut-off, with a progress bar on a terminal. */
async function deleteInBatches(sequelize: CliContext['sequelize'], plan: PrunePlan): Promise<number> {
  const bar =
    process.stderr.isTTY && plan.total > 0
      ? new cliProgress.SingleBar(
          {
            format: 'Deleting [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}',
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(plan.total, 0);
  let deleted = 0;
  try {
    for (;;) {
      const count = await pruneBatch(sequelize, plan.cutoff);
      if (count === 0) break;
      deleted += count;
      if (bar && deleted > plan.total) bar.setTotal(deleted);
      bar?.update(deleted);
    }
  } finally {
    bar?.stop();
  }
  return deleted;
}

async function retry(options: { department?: string }): Promise<void> {
  const department = departmentOption(options.department);
  await withDatabase(async ({ sequelize, out }) => {
    const id = department === undefined ? null : await departmentId(sequelize, department);
    const queued = await retryFailed(sequelize, id);
    const where = department === undefined ? '' : ` for ${department}`;
    out(
      queued === 0
        ? `There are no failed notifications${where} to retry.`
        : `Queued ${plural(queued, 'failed notification')}${where} for another attempt.`,
    );
  });
}
