import type { Sequelize, Transaction } from 'sequelize';
import type { Staff, UpdateStaffBody } from '../../shared/staff';
import { revokeUserSessions } from '../accounts/tokens';
import type { AppContext } from '../context';
import type { User } from '../db/models/index';
import { missingDepartments } from '../departments/lookup';
import { unknownDepartment } from '../errors';
import { changedFields, recordAdminLog, staffTarget } from '../staff/admin-log';
import { keepAnActiveAdmin, lockActiveAdmins, lockStaff } from '../staff/accounts';
import { presentStaff } from '../staff/present';

type UpdateDeps = Pick<AppContext, 'sequelize' | 'realtime'>;

/** What an admin can change about a staff account, as admins see it. */
type Editable = Pick<Staff, 'name' | 'role' | 'departments' | 'disabled'>;

const editable = (staff: Staff): Editable => ({
  name: staff.name,
  role: staff.role,
  departments: staff.departments,
  disabled: staff.disabled,
});

/**
 * An admin changes a staff account: name, role, departments, disabled. In one transaction: the last-admin
 * rule, the row, its sessions (disabling revokes every one) and the admin log entry with what changed.
 * After commit, its open sockets are cut (disabled) or moved to the departments it now acts on. A body
 * that changes nothing writes nothing.
 */
export async function updateStaff(
  deps: UpdateDeps,
  actorId: number,
  id: number,
  body: UpdateStaffBody,
): Promise<Staff> {
  const { sequelize } = deps;
  const { user, change } = await sequelize.transaction(async (transaction) => {
    // Before any other lock, so that two such changes at once wait for each other instead of deadlocking.
    const admins = mayRemoveAnAdmin(body) ? await lockActiveAdmins(sequelize, transaction) : [];
    const target = await lockStaff(id, transaction);
    const before = editable(presentStaff(target));
    const after: Editable = { ...before, ...definedOnly(body) };
    const diff = changedFields(before, after);
    if (Object.keys(diff.after).length === 0) return { user: target, change: undefined };
    const wasActiveAdmin = before.role === 'admin' && !before.disabled;
    if (wasActiveAdmin && !(after.role === 'admin' && !after.disabled)) keepAnActiveAdmin(admins, id);
    await checkDepartments(sequelize, transaction, diff.after.departments);
    await target.update(columnsOf(after), { transaction });
    if (after.disabled && !before.disabled) await revokeUserSessions(id, transaction);
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'staff.updated',
      target: staffTarget(id),
      ...diff,
    });
    return { user: target, change: diff.after };
  });
  if (change) tellSockets(deps, user, change);
  return presentStaff(user);
}

/** Only disabling or demoting can leave no admin. */
function mayRemoveAnAdmin(body: UpdateStaffBody): boolean {
  return body.disabled === true || body.role === 'nurse';
}

/** The fields the body gives (zod leaves an absent optional field out, or undefined). */
function definedOnly(body: UpdateStaffBody): Partial<Editable> {
  const given = Object.entries(body).filter(([, value]) => value !== undefined);
  // The body's fields are Editable's own, as its schema says.
  return Object.fromEntries(given) as Partial<Editable>;
}

async function checkDepartments(
  sequelize: Sequelize,
  transaction: Transaction,
  departments: Editable['departments'] | undefined,
): Promise<void> {
  if (departments === undefined || departments === 'all') return;
  const missing = await missingDepartments(sequelize, departments, transaction);
  if (missing.length > 0) throw unknownDepartment(missing);
}

function columnsOf(staff: Editable) {
  return {
    name: staff.name,
    role: staff.role,
    disabled: staff.disabled,
    staffDepartments: staff.departments === 'all' ? null : staff.departments,
  };
}

/** A disabled account's sockets end now; a new role or departments change which staff rooms they are in. */
function tellSockets(deps: UpdateDeps, user: User, change: Partial<Editable>): void {
  if (user.disabled) {
    deps.realtime.disconnectUser(user.id);
    return;
  }
  if (change.role !== undefined || change.departments !== undefined) {
    deps.realtime.staffAccessChanged(user.id, { role: user.role, departments: user.staffDepartments });
  }
}
