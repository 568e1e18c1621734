import { UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { CreateDepartmentBody } from '../../shared/schemas';
import { Department, Queue } from '../db/models/index';
import { conflict } from '../errors';

/** A department and its queue, which starts closed; a taken code is a 409. */
export async function createDepartment(
  sequelize: Sequelize,
  body: CreateDepartmentBody,
  outer?: Transaction,
): Promise<Department> {
  try {
    return await sequelize.transaction({ ...(outer ? { transaction: outer } : {}) }, async (transaction) => {
      const department = await Department.create({ code: body.code, name: body.name }, { transaction });
      await Queue.create({ departmentId: department.id }, { transaction });
      return department;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw conflict('department_exists', `Department ${body.code} already exists.`);
    }
    throw error;
  }
}
