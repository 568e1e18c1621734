import type { Sequelize } from 'sequelize';
import type { CreateStaffBody } from '../../shared/staff';
import { generatePassword } from '../accounts/passwords';
import type { User } from '../db/models/index';
import { missingDepartments } from '../departments/lookup';
import { unknownDepartment } from '../errors';
import { recordAdminLog, staffTarget } from '../staff/admin-log';
import { presentStaff } from '../staff/present';
import { createUser } from './create-user';

/**
 * A nurse or admin account, made by an admin (or the CLI, `actorId` null), with its admin log entry in
 * the same transaction. Without a password one is generated and answered once; only its hash is kept.
 */
export async function createStaff(
  sequelize: Sequelize,
  actorId: number | null,
  body: CreateStaffBody,
): Promise<{ user: User; password?: string }> {
  const password = body.password ?? generatePassword();
  const user = await sequelize.transaction(async (transaction) => {
    const departments = body.departments ?? 'all';
    if (departments !== 'all') {
      const missing = await missingDepartments(sequelize, departments, transaction);
      if (missing.length > 0) throw unknownDepartment(missing);
    }
    const created = await createUser({ ...body, password, departments }, transaction);
    const { createdAt: _createdAt, lastSeenAt: _lastSeenAt, ...after } = presentStaff(created);
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'staff.created',
      target: staffTarget(created.id),
      before: null,
      after,
    });
    return created;
  });
  return body.password === undefined ? { user, password } : { user };
}
