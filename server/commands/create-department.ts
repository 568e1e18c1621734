import { UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { CreateDepartmentBody } from '../../shared/schemas';
import { Department, Queue } from '../db/models/index';
import { presentDepartment } from '../departments/present';
import { conflict } from '../errors';
import { departmentTarget, recordAdminLog } from '../staff/admin-log';

/**
 * A department and its queue, which starts closed; a taken code is a 409. Made by an admin or the CLI
 * (`actor` given, its id null for the CLI) it is an admin log entry too; the first start's demo
 * departments are not.
 */
export async function createDepartment(
  sequelize: Sequelize,
  body: CreateDepartmentBody,
  outer?: Transaction,
  actor?: { id: number | null },
): Promise<Department> {
  try {
    return await sequelize.transaction({ ...(outer ? { transaction: outer } : {}) }, async (transaction) => {
      const department = await Department.create({ code: body.code, name: body.name }, { transaction });
      await Queue.create({ departmentId: department.id }, { transaction });
      if (actor) {
        const { id: _id, ...after } = presentDepartment(department);
        await recordAdminLog(sequelize, transaction, {
          actorId: actor.id,
          action: 'department.created',
          target: departmentTarget(department.code),
          before: null,
          after,
        });
      }
      return department;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw conflict('department_exists', `Department ${body.code} already exists.`);
    }
    throw error;
  }
}
