import type { Command } from 'commander';
import { migrateDown, migrateUp } from '../../db/migrate';
import { cliAction, withDatabase } from '../run';

export function registerDbCommands(program: Command): void {
  program
    .command('db:migrate')
    .description('Apply every pending migration (the server also does this at start-up).')
    .action(
      cliAction(() =>
        withDatabase(
          async ({ sequelize, out }) => {
            const applied = await migrateUp(sequelize);
            out(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
          },
          { needsSchema: false },
        ),
      ),
    );

  program
    .command('db:rollback')
    .description('Revert the last migration, or all of them with --all.')
    .option('--all', 'revert every migration (drops all tables)')
    .action(
      cliAction((options: { all?: boolean }) =>
        withDatabase(
          async ({ sequelize, out }) => {
            const reverted = await migrateDown(sequelize, options.all ? { to: 0 } : {});
            out(reverted.length ? `Reverted ${reverted.join(', ')}.` : 'There was nothing to revert.');
          },
          { needsSchema: false },
        ),
      ),
    );
}
