import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { departmentCode } from '../../shared/schemas';
import { CliError } from './run';

/** Validates --department before touching the database. */
export function departmentOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = departmentCode.safeParse(value);
  if (!code.success)
    throw new CliError(`--department must be 2–16 characters of A-Z, 0-9 and _, not "${value}".`);
  return code.data;
}

/** The department's id, or a CliError naming the departments there are. */
export async function departmentId(sequelize: Sequelize, code: string): Promise<number> {
  const rows = await sequelize.query<{ id: number; code: string }>(
    `SELECT id, code FROM departments ORDER BY code`,
    { type: QueryTypes.SELECT },
  );
  const found = rows.find((row) => row.code === code);
  if (!found) {
    const known = rows.map((row) => row.code).join(', ') || 'none yet';
    throw new CliError(`There is no department ${code}. Departments: ${known}.`);
  }
  return Number(found.id);
}
