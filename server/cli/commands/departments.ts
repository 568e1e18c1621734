import type { Command } from 'commander';
import { createDepartmentBody } from '../../../shared/schemas';
import { parse } from '../../http/validate';
import { createDepartment } from '../../queues/status';
import { reportFailure, withDatabase } from '../run';

export function registerDepartmentCommands(program: Command): void {
  program
    .command('department:create')
    .description('Create a department and its (closed) queue.')
    .requiredOption('--code <code>', '2–16 characters of A-Z, 0-9 and _ (e.g. OPD)')
    .requiredOption('--name <name>', 'name shown to patients')
    .action(async (options: { code: string; name: string }) => {
      try {
        const body = parse(createDepartmentBody, options);
        await withDatabase(async ({ sequelize, out }) => {
          const department = await createDepartment(sequelize, body);
          out(`Created department ${department.code} (${department.name}); its queue is closed.`);
        });
      } catch (error) {
        reportFailure(error);
      }
    });
}
