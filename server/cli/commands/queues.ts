import type { Command } from 'commander';
import { changeQueueState } from '../../commands/change-queue-state';
import type { QueueChangeResult } from '../../commands/change-queue-state';
import { overdueQueues } from '../../queues/overdue';
import type { OverdueQueue } from '../../queues/overdue';
import { departmentId, departmentOption } from '../department-option';
import { cliAction, withDatabase } from '../run';

/** The CLI's own line for one close, from what happened rather than from the API's sentence. */
function describeClose(queue: OverdueQueue, result: QueueChangeResult): string {
  const due = `scheduled for ${queue.scheduledCloseAt.toISOString()}`;
  if (result.outcome === 'already') return `${queue.code} was already closed (${due}).`;
  if (result.outcome === 'not_due') return `${queue.code} is not due to close yet (${due}).`;
  const notified = result.answer.notificationStats.totalPatientsNotified;
  return `${queue.code} closed successfully (${due}); ${notified} waiting patient(s) notified.`;
}

export function registerQueueCommands(program: Command): void {
  program
    .command('auto-close-queues')
    .description(
      'Close every open queue whose scheduled end time has passed (the server does this on its own).',
    )
    .option('--department <code>', 'only this department')
    .option('--dry-run', 'list what would be closed, change nothing')
    .action(
      cliAction(async (options: { department?: string; dryRun?: boolean }) => {
        const department = departmentOption(options.department);
        await withDatabase(async (cli) => {
          if (department) await departmentId(cli.sequelize, department);
          const overdue = await overdueQueues(cli.sequelize, cli.clock.now(), department);
          if (overdue.length === 0) {
            cli.out('No open queue is past its scheduled end time.');
            return;
          }
          for (const queue of overdue) {
            if (options.dryRun) {
              cli.out(
                `Would close ${queue.code} (scheduled to close at ${queue.scheduledCloseAt.toISOString()}).`,
              );
              continue;
            }
            // No sockets, jobs or workers here: the committed change's NOTIFY reaches running servers.
            const result = await changeQueueState(cli, {
              department: queue.code,
              open: false,
              reason: 'schedule',
              userId: null,
              dueBy: cli.clock.now(),
            });
            cli.out(describeClose(queue, result));
          }
          if (options.dryRun) cli.out('Dry run: nothing was changed.');
        });
      }),
    );
}
