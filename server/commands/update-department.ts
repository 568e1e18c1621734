import type { Transaction } from 'sequelize';
import type { DepartmentSettingsBody } from '../../shared/departments';
import type { Department as DepartmentJson } from '../../shared/schemas';
import type { AppContext } from '../context';
import { Department } from '../db/models/index';
import { presentDepartment } from '../departments/present';
import { notFound } from '../errors';
import { getQueueStatus } from '../queues/status';
import { changedFields, departmentTarget, recordAdminLog } from '../staff/admin-log';
import { notifyAlmostYourTurn } from '../tickets/almost';

type Settings = Omit<DepartmentJson, 'id' | 'code'>;
type UpdateDeps = Pick<AppContext, 'sequelize' | 'realtime' | 'outbox'>;

const settingsOf = ({ id: _id, code: _code, ...settings }: DepartmentJson): Settings => settings;

/**
 * An admin changes a department's settings, with the admin log entry in the same transaction. What
 * patients get follows at once: a higher alert position tells the patients now within it "almost your
 * turn" in the same transaction; a new escalation delay applies to the calls made from now on.
 */
export async function updateDepartment(
  deps: UpdateDeps,
  actorId: number,
  code: string,
  body: DepartmentSettingsBody,
): Promise<DepartmentJson> {
  const { sequelize } = deps;
  const { department, changed } = await sequelize.transaction(async (transaction) => {
    const row = await Department.findOne({ where: { code }, transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw notFound(`There is no department ${code}.`);
    const before = settingsOf(presentDepartment(row));
    const diff = changedFields(before, { ...before, ...definedOnly(body) });
    if (Object.keys(diff.after).length === 0) return { department: row, changed: diff.after };
    await row.update(diff.after, { transaction });
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'department.updated',
      target: departmentTarget(code),
      ...diff,
    });
    if (diff.after.alertPosition !== undefined) await tellThoseNowWithin(deps, transaction, row);
    return { department: row, changed: diff.after };
  });
  if (changed.alertPosition !== undefined) deps.outbox.wake();
  // The public status carries the name: followers see a new one at once.
  if (changed.name !== undefined) deps.realtime.queueStatus(await getQueueStatus(sequelize, code));
  return presentDepartment(department);
}

function definedOnly(body: DepartmentSettingsBody): Partial<Settings> {
  const given = Object.entries(body).filter(([, value]) => value !== undefined);
  // The body's fields are the settings' own, as its schema says.
  return Object.fromEntries(given) as Partial<Settings>;
}

async function tellThoseNowWithin(
  deps: UpdateDeps,
  transaction: Transaction,
  department: Department,
): Promise<void> {
  await notifyAlmostYourTurn(deps.sequelize, transaction, {
    id: department.id,
    name: department.name,
    alertPosition: department.alertPosition,
  });
}
