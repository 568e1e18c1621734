import crypto from 'node:crypto';
import { Op } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { Department, User } from './db/models/index';
import { createUser } from './commands/create-user';
import { createDepartment } from './commands/create-department';

export const FIRST_ADMIN_EMAIL = 'admin@queuebell.local';
export const DEMO_DEPARTMENTS = [
  { code: 'OPD', name: 'Outpatients' },
  { code: 'LAB', name: 'Laboratory' },
  { code: 'PHARM', name: 'Pharmacy' },
];

export interface BootstrapResult {
  admin?: { email: string; password: string };
  departmentsCreated: string[];
}

/**
 * First start: an admin while no staff account exists (its password is shown once and stored only
 * hashed) and, unless SEED_DEMO=false, the demo departments while there are none. An advisory lock keeps
 * two processes starting together from doing it twice.
 */
export async function bootstrap(
  sequelize: Sequelize,
  options: { seedDemo: boolean },
): Promise<BootstrapResult> {
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext('queuebell:bootstrap'))`, { transaction });
    const result: BootstrapResult = { departmentsCreated: [] };
    const staff = await User.count({ where: { role: { [Op.in]: ['nurse', 'admin'] } }, transaction });
    if (staff === 0) {
      const password = crypto.randomBytes(12).toString('base64url');
      await createUser(
        { email: FIRST_ADMIN_EMAIL, password, name: 'Administrator', role: 'admin' },
        transaction,
      );
      result.admin = { email: FIRST_ADMIN_EMAIL, password };
    }
    if (options.seedDemo && (await Department.count({ transaction })) === 0) {
      for (const department of DEMO_DEPARTMENTS) {
        await createDepartment(sequelize, department, transaction);
        result.departmentsCreated.push(department.code);
      }
    }
    return result;
  });
}
