import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { CreateDepartmentBody, Department as DepartmentJson, QueueStatus } from '../../shared/schemas';
import { Department, Queue } from '../db/models/index';
import { conflict, notFound } from '../http/errors';
import { iso, statusMessage } from '../http/presenters';

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

export function presentDepartment(department: Department): DepartmentJson {
  return {
    id: department.id,
    code: department.code,
    name: department.name,
    alertPosition: department.alertPosition,
  };
}

interface QueueRow {
  id: number;
  code: string;
  name: string;
  is_open: boolean;
  manual_override: boolean;
  opened_at: Date | null;
  closed_at: Date | null;
}

/** One query for every department's status: the public board is read far more often than it changes. */
export async function listQueueStatuses(
  sequelize: Sequelize,
  options: { codes?: string[]; transaction?: Transaction } = {},
): Promise<QueueStatus[]> {
  const rows = await sequelize.query<QueueRow>(
    `SELECT d.id, d.code, d.name, q.is_open, q.manual_override, q.opened_at, q.closed_at
       FROM departments d JOIN queues q ON q.department_id = d.id
      ${options.codes ? 'WHERE d.code IN (:codes)' : ''}
      ORDER BY d.code`,
    {
      replacements: { codes: options.codes ?? [] },
      type: QueryTypes.SELECT,
      transaction: options.transaction,
    },
  );
  return rows.map(presentQueueRow);
}

export async function getQueueStatus(
  sequelize: Sequelize,
  code: string,
  transaction?: Transaction,
): Promise<QueueStatus> {
  const [status] = await listQueueStatuses(sequelize, {
    codes: [code],
    ...(transaction ? { transaction } : {}),
  });
  if (!status) throw notFound(`There is no department ${code}.`);
  return status;
}

function presentQueueRow(row: QueueRow): QueueStatus {
  const totalWaiting = 0;
  return {
    id: Number(row.id),
    department: row.code,
    name: row.name,
    isOpen: row.is_open,
    totalWaiting,
    statusMessage: statusMessage(row.is_open, totalWaiting),
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    scheduledCloseAt: null,
    manualOverride: row.manual_override,
    nowServing: [],
    estimatedWaitMinutes: 0,
  };
}
