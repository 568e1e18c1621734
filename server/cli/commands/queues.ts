import type { Command } from 'commander';
import { QueryTypes } from 'sequelize';
import { departmentCode } from '../../../shared/schemas';
import { systemClock } from '../../clock';
import { loadConfig } from '../../config';
import type { AppContext } from '../../context';
import { parse } from '../../http/validate';
import { createReceipts } from '../../notifications/receipts';
import { silentBroadcaster } from '../../realtime/io';
import { changeQueueState } from '../../commands/change-queue-state';
import { CliError, reportFailure, withDatabase } from '../run';
import type { CliContext } from '../run';

interface Overdue {
  code: string;
  scheduled_close_at: Date;
}

/**
 * A context for running the server's own transitions from the CLI: no sockets here, but the change, its
 * audit entry and its fan-out are committed exactly as the server would, and NOTIFY wakes a running
 * server's workers and schedulers.
 */
function cliAppContext(cli: CliContext): AppContext {
  const config = loadConfig();
  return {
    config,
    logger: cli.logger,
    sequelize: cli.sequelize,
    realtime: silentBroadcaster,
    outbox: { wake: () => undefined },
    scheduler: { refresh: () => undefined },
    receipts: createReceipts('unused-by-the-cli'),
    vapid: { publicKey: '', privateKey: '', subject: config.vapid.subject },
    clock: systemClock,
  };
}

export function registerQueueCommands(program: Command): void {
  program
    .command('auto-close-queues')
    .description(
      'Close every open queue whose scheduled end time has passed (the server does this on its own).',
    )
    .option('--department <code>', 'only this department')
    .option('--dry-run', 'list what would be closed, change nothing')
    .action(async (options: { department?: string; dryRun?: boolean }) => {
      try {
        const department = options.department
          ? parse(departmentCode, options.department, '--department')
          : undefined;
        await withDatabase(async (cli) => {
          if (department) {
            const [known] = await cli.sequelize.query(`SELECT 1 FROM departments WHERE code = :department`, {
              replacements: { department },
              type: QueryTypes.SELECT,
            });
            if (!known) throw new CliError(`There is no department ${department}.`);
          }
          const overdue = await cli.sequelize.query<Overdue>(
            `SELECT d.code, q.scheduled_close_at FROM queues q JOIN departments d ON d.id = q.department_id
              WHERE q.is_open AND q.scheduled_close_at <= now() AND (:department::text IS NULL OR d.code = :department)
              ORDER BY d.code`,
            { replacements: { department: department ?? null }, type: QueryTypes.SELECT },
          );
          if (overdue.length === 0) {
            cli.out('No open queue is past its scheduled end time.');
            return;
          }
          const ctx = cliAppContext(cli);
          for (const queue of overdue) {
            const due = new Date(queue.scheduled_close_at).toISOString();
            if (options.dryRun) {
              cli.out(`Would close ${queue.code} (scheduled to close at ${due}).`);
              continue;
            }
            const answer = await changeQueueState(ctx, {
              department: queue.code,
              open: false,
              reason: 'schedule',
              userId: null,
              dueBy: new Date(),
            });
            cli.out(
              `${answer.message.replace('Queue', queue.code)} (scheduled for ${due}); ` +
                `${answer.notificationStats.totalPatientsNotified} waiting patient(s) notified.`,
            );
          }
          if (options.dryRun) cli.out('Dry run: nothing was changed.');
        });
      } catch (error) {
        reportFailure(error);
      }
    });
}
