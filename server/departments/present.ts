import type { Department as DepartmentJson } from '../../shared/schemas';
import type { Department } from '../db/models/index';

export function presentDepartment(department: Department): DepartmentJson {
  return {
    id: department.id,
    code: department.code,
    name: department.name,
    rooms: department.rooms,
    alertPosition: department.alertPosition,
    escalateAfterSeconds: department.escalateAfterSeconds,
    longWaitMinutes: department.longWaitMinutes,
    archived: department.archived,
  };
}
