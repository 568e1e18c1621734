import { Command } from 'commander';
import { registerDbCommands } from './commands/db';
import { registerDepartmentCommands } from './commands/departments';
import { registerQueueCommands } from './commands/queues';
import { registerNotificationCommands } from './commands/notifications';
import { registerRetentionCommands } from './commands/retention';
import { registerUserCommands } from './commands/users';

/** `npm run cli -- <command>`; every command has --help. */
const program = new Command('queuebell')
  .description('Queuebell administration. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((error) => process.exit(error.exitCode));

registerUserCommands(program);
registerDepartmentCommands(program);
registerQueueCommands(program);
registerNotificationCommands(program);
registerRetentionCommands(program);
registerDbCommands(program);

await program.parseAsync(process.argv);
