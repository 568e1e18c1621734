import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { notFound } from '../errors';

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
  alert_position: number;
  rooms: string[];
  archived: boolean;
  is_open: boolean;
}

/** The columns of a DepartmentRow, from `departments d JOIN queues q`. */
export const DEPARTMENT_COLUMNS = 'd.id, d.code, d.name, d.alert_position, d.rooms, d.archived, q.is_open';

/**
 * A department with its queue's state, in the caller's transaction. `share` locks the queue row, so
 * that a close cannot slip between a check of `is_open` and what the caller writes next.
 */
export async function departmentFor(
  sequelize: Sequelize,
  code: string,
  transaction: Transaction,
  lock: 'share' | 'none',
): Promise<DepartmentRow> {
  const [row] = await sequelize.query<DepartmentRow>(
    `SELECT ${DEPARTMENT_COLUMNS}
       FROM departments d JOIN queues q ON q.department_id = d.id WHERE d.code = :code
       ${lock === 'share' ? 'FOR SHARE OF q' : ''}`,
    { replacements: { code }, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw notFound(`There is no department ${code}.`);
  return row;
}

/** Which of these codes name no department, for a list someone is about to be assigned to. */
export async function missingDepartments(
  sequelize: Sequelize,
  codes: string[],
  transaction?: Transaction,
): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await sequelize.query<{ code: string }>(
    `SELECT code FROM departments WHERE code IN (:codes)`,
    {
      replacements: { codes },
      type: QueryTypes.SELECT,
      ...(transaction ? { transaction } : {}),
    },
  );
  const known = new Set(rows.map((row) => row.code));
  return codes.filter((code) => !known.has(code));
}
