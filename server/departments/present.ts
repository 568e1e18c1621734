import type { Department as DepartmentJson } from '../../shared/schemas';
import type { Department } from '../db/models/index';

export function presentDepartment(department: Department): DepartmentJson {
  return {
    id: department.id,
    code: department.code,
    name: department.name,
    alertPosition: department.alertPosition,
  };
}
