import crypto from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { registerBody } from '../../../shared/schemas';
import { createUser } from '../../commands/create-user';
import { parse } from '../../http/validate';
import { CliError, cliAction, withDatabase } from '../run';

const staffRole = z.enum(['nurse', 'admin']);

export function registerUserCommands(program: Command): void {
  program
    .command('user:create')
    .description('Create a staff account (nurse or admin). Patients register themselves in the app.')
    .requiredOption('--role <role>', 'nurse or admin')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'name shown to colleagues')
    .option('--password <password>', 'password (8–200 characters); generated and printed when omitted')
    .action(
      cliAction(async (options: { role: string; email: string; name: string; password?: string }) => {
        const role = staffRole.safeParse(options.role);
        if (!role.success) throw new CliError(`--role must be nurse or admin, not "${options.role}".`);
        const generated = options.password === undefined;
        const password = options.password ?? crypto.randomBytes(12).toString('base64url');
        const input = parse(registerBody, { email: options.email, name: options.name, password });
        await withDatabase(async ({ out }) => {
          const user = await createUser({ ...input, role: role.data });
          out(`Created ${user.role} ${user.email} (id ${user.id}).`);
          if (generated) out(`Password: ${password}`);
        });
      }),
    );
}
