import type { Command } from 'commander';
import { z } from 'zod';
import { createStaffBody } from '../../../shared/staff';
import { createStaff } from '../../commands/create-staff';
import { parse } from '../../http/validate';
import { CliError, cliAction, withDatabase } from '../run';

const staffRole = z.enum(['nurse', 'admin']);

interface UserOptions {
  role: string;
  email: string;
  name: string;
  password?: string;
  departments?: string;
}

/** `--departments OPD,LAB` as the API takes it: "all", or the codes (blanks between commas ignored). */
function departmentsOption(value: string | undefined): 'all' | string[] | undefined {
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === 'all') return 'all';
  return value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

export function registerUserCommands(program: Command): void {
  program
    .command('user:create')
    .description('Create a staff account (nurse or admin). Patients register themselves in the app.')
    .requiredOption('--role <role>', 'nurse or admin')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'name shown to colleagues')
    .option('--password <password>', 'password (8–200 characters); generated and printed when omitted')
    .option('--departments <codes>', 'the departments a nurse acts on, e.g. OPD,LAB (default: all)')
    .action(
      cliAction(async (options: UserOptions) => {
        const role = staffRole.safeParse(options.role);
        if (!role.success) throw new CliError(`--role must be nurse or admin, not "${options.role}".`);
        const body = parse(createStaffBody, {
          email: options.email,
          name: options.name,
          role: role.data,
          password: options.password,
          departments: departmentsOption(options.departments),
        });
        await withDatabase(async ({ sequelize, out }) => {
          // Logged like an admin's creation, with no admin: it was made at the server's console.
          const { user, password } = await createStaff(sequelize, null, body);
          const departments = user.staffDepartments?.join(', ') ?? 'all';
          out(`Created ${user.role} ${user.email} (id ${user.id}; departments: ${departments || 'none'}).`);
          if (password !== undefined) out(`Password: ${password}`);
        });
      }),
    );
}
