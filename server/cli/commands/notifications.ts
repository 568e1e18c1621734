import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { departmentCode } from '../../../shared/schemas';
import { retryFailed } from '../../commands/retry-failed';
import { notificationStats } from '../../notifications/stats';
import { CliError, reportFailure, withDatabase } from '../run';

/** Rows deleted per statement by notifications:prune: short transactions, no long locks on the outbox. */
const PRUNE_BATCH = 5000;

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

/** Validates --department before touching the database. */
function departmentOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = departmentCode.safeParse(value);
  if (!code.success)
    throw new CliError(`--department must be 2–16 characters of A-Z, 0-9 and _, not "${value}".`);
  return code.data;
}

/** The department's id, or a CliError naming the departments there are. */
async function departmentId(sequelize: Sequelize, code: string): Promise<number> {
  const rows = await sequelize.query<{ id: number; code: string }>(
    `SELECT id, code FROM departments ORDER BY code`,
    {
      type: QueryTypes.SELECT,
    },
  );
  const found = rows.find((row) => row.code === code);
  if (!found) {
    const known = rows.map((row) => row.code).join(', ') || 'none yet';
    throw new CliError(`There is no department ${code}. Departments: ${known}.`);
  }
  return Number(found.id);
}

export function registerNotificationCommands(program: Command): void {
  program
    .command('notifications:stats')
    .description(
      'Count notifications by delivery status (and how many were read), overall or for one department.',
    )
    .option('--department <code>', 'only notifications about this department (e.g. OPD)')
    .action(async (options: { department?: string }) => {
      try {
        const department = departmentOption(options.department);
        await withDatabase(async ({ sequelize, out }) => {
          if (department !== undefined) await departmentId(sequelize, department);
          const stats = await notificationStats(sequelize, { department });
          const rows: Array<[string, number]> = [
            ['Total', stats.total],
            ['Pending', stats.pending],
            ['Sent', stats.sent],
            ['Delivered', stats.delivered],
            ['Failed', stats.failed],
            ['Read', stats.read],
          ];
          const labelWidth = Math.max(...rows.map(([label]) => label.length));
          const valueWidth = Math.max(...rows.map(([, value]) => String(value).length));
          out(
            department === undefined ? 'Notifications, all departments:' : `Notifications for ${department}:`,
          );
          for (const [label, value] of rows) {
            out(`  ${label.padEnd(labelWidth)}  ${String(value).padStart(valueWidth)}`);
          }
        });
      } catch (error) {
        reportFailure(error);
      }
    });

  program
    .command('notifications:prune')
    .description('Delete notifications created longer ago than --older-than, in batches.')
    .requiredOption('--older-than <age>', 'a whole number of days, hours or minutes: 90d, 12h, 30m')
    .option('--dry-run', 'only report how many would be deleted; change nothing')
    .addHelpText(
      'after',
      `
Older notifications are history and are deleted whatever their state, including any whose push delivery
is still pending or being retried (the dry run says how many of those there are). Patients no longer
see deleted notifications in the app.

Examples:
  npm run cli -- notifications:prune --older-than 90d --dry-run
  npm run cli -- notifications:prune --older-than 90d`,
    )
    .action(async (options: { olderThan: string; dryRun?: boolean }) => {
      try {
        const duration = parseDuration(options.olderThan);
        await withDatabase(async ({ sequelize, out }) => {
          // The cut-off is fixed once, by the database clock that wrote created_at, to whole seconds so
          // that it survives the round trip through a JS Date unchanged.
          const [found] = await sequelize.query<{ cutoff: Date; total: number; undelivered: number }>(
            `WITH c AS (SELECT date_trunc('second', now() - make_interval(days => :days, hours => :hours, mins => :mins)) AS cutoff)
             SELECT c.cutoff,
                    count(n.id)::int AS total,
                    count(n.id) FILTER (WHERE n.push_status = 'pending')::int AS undelivered
               FROM c LEFT JOIN notifications n ON n.created_at < c.cutoff
              GROUP BY c.cutoff`,
            {
              replacements: {
                days: duration.unit === 'd' ? duration.amount : 0,
                hours: duration.unit === 'h' ? duration.amount : 0,
                mins: duration.unit === 'm' ? duration.amount : 0,
              },
              type: QueryTypes.SELECT,
            },
          );
          if (!found) throw new Error('the database returned no cut-off');
          const cutoff = new Date(found.cutoff);
          const what = `older than ${describeDuration(duration)} (created before ${cutoff.toISOString()})`;
          const stillPending =
            found.undelivered > 0 ? `; ${found.undelivered} of them still awaiting push delivery` : '';

          if (options.dryRun) {
            out(
              `Would delete ${plural(found.total, 'notification')} ${what}${stillPending}. Nothing was changed.`,
            );
            return;
          }

          const bar =
            process.stderr.isTTY && found.total > 0
              ? new cliProgress.SingleBar(
                  {
                    format: 'Deleting [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}',
                    stream: process.stderr,
                    hideCursor: true,
                  },
                  cliProgress.Presets.shades_classic,
                )
              : undefined;
          bar?.start(found.total, 0);
          let deleted = 0;
          try {
            for (;;) {
              const [batch] = await sequelize.query<{ count: number }>(
                `WITH gone AS (
                   DELETE FROM notifications
                    WHERE id IN (SELECT id FROM notifications WHERE created_at < :cutoff LIMIT :limit)
                   RETURNING 1)
                 SELECT count(*)::int AS count FROM gone`,
                { replacements: { cutoff, limit: PRUNE_BATCH }, type: QueryTypes.SELECT },
              );
              const count = batch?.count ?? 0;
              if (count === 0) break;
              deleted += count;
              if (bar && deleted > found.total) bar.setTotal(deleted);
              bar?.update(deleted);
            }
          } finally {
            bar?.stop();
          }
          out(`Deleted ${plural(deleted, 'notification')} ${what}${stillPending}.`);
        });
      } catch (error) {
        reportFailure(error);
      }
    });

  program
    .command('notifications:retry-failed')
    .description('Queue failed notifications for another push attempt, with a fresh set of retries.')
    .option('--department <code>', 'only notifications about this department (e.g. OPD)')
    .addHelpText(
      'after',
      `
A notification counts as failed when its delivery or its push failed. Each one goes back to the outbox
with its attempt count and last error cleared, and running servers are told to deliver them at once.
Devices that already accepted it are not sent it again.`,
    )
    .action(async (options: { department?: string }) => {
      try {
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
      } catch (error) {
        reportFailure(error);
      }
    });
}
