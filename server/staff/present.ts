import type { Staff } from '../../shared/staff';
import type { User } from '../db/models/index';
import { iso } from '../util/iso';

/** A staff account as admins see it; never its password hash or contact beyond the sign-in email. */
export function presentStaff(user: User): Staff {
  return {
    id: user.id,
    // Staff always sign in with an email (a database check); only guests have none.
    email: user.email ?? '',
    name: user.name,
    role: user.role === 'admin' ? 'admin' : 'nurse',
    disabled: user.disabled,
    departments: user.staffDepartments ?? 'all',
    createdAt: iso(user.createdAt) ?? '',
    lastSeenAt: iso(user.lastSeenAt),
  };
}
