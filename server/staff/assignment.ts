import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Role } from '../../shared/constants';

/** The departments a staff member acts on: every one (`all`), or these codes. */
export type DepartmentAccess = 'all' | string[];

/** Admins act on every department; a nurse on those assigned (none assigned yet: every one, as before). */
export function accessOf(user: { role: Role; staffDepartments: string[] | null }): DepartmentAccess {
  if (user.role === 'admin') return 'all';
  return user.staffDepartments ?? 'all';
}

export function mayActOn(access: DepartmentAccess, code: string): boolean {
  return access === 'all' || access.includes(code);
}

/** The department code of a record that names one; null when there is no such record (its route 404s). */
async function codeOf(
  sequelize: Sequelize,
  table: 'tickets' | 'schedules' | 'appointments',
  id: number,
): Promise<string | null> {
  const [row] = await sequelize.query<{ code: string }>(
    `SELECT d.code FROM ${table} r JOIN departments d ON d.id = r.department_id WHERE r.id = :id`,
    { replacements: { id }, type: QueryTypes.SELECT },
  );
  return row?.code ?? null;
}

export const departmentOfTicket = (sequelize: Sequelize, id: number) => codeOf(sequelize, 'tickets', id);
export const departmentOfSchedule = (sequelize: Sequelize, id: number) => codeOf(sequelize, 'schedules', id);
export const departmentOfAppointment = (sequelize: Sequelize, id: number) =>
  codeOf(sequelize, 'appointments', id);
