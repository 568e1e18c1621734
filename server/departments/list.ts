import { Op } from 'sequelize';
import { Department } from '../db/models/index';

/** Departments by code: every one (`all`), or those with these codes; archived ones too, flagged. */
export function listDepartments(codes: 'all' | string[]): Promise<Department[]> {
  return Department.findAll({
    ...(codes === 'all' ? {} : { where: { code: { [Op.in]: codes } } }),
    order: [['code', 'ASC']],
  });
}
