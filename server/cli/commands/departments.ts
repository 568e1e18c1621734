import type { Command } from 'commander';
import { createDepartmentBody } from '../../../shared/schemas';
import { createDepartment } from '../../commands/create-department';
import { parse } from '../../http/validate';
import { cliAction, withDatabase } from '../run';

export function registerDepartmentCommands(program: Command): void {
  program
    .command('department:create')
    .description('Create a department and its (closed) queue.')
    .requiredOption('--code <code>', '2–16 characters of A-Z, 0-9 and _ (e.g. OPD)')
    .requiredOption('--name <name>', 'name shown to patients')
    .action(
      cliAction(async (options: { code: string; name: string }) => {
        const body = parse(createDepartmentBody, options);
        await withDatabase(async ({ sequelize, out }) => {
          const department = await createDepartment(sequelize, body, undefined, { id: null });
          out(`Created department ${department.code} (${department.name}); its queue is closed.`);
        });
      }),
    );
}
