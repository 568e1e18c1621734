import type { AppContext } from '../../context';
import { createStaff } from '../../commands/create-staff';
import { resetStaffPassword } from '../../commands/reset-staff-password';
import { updateStaff } from '../../commands/update-staff';
import { adminLogPage } from '../../staff/admin-log';
import { listStaff } from '../../staff/accounts';
import { presentStaff } from '../../staff/present';
import { textLocale } from '../../util/locale';
import type { RouteHandlers } from '../route-table';

type StaffRoute =
  | 'GET /api/staff'
  | 'POST /api/staff'
  | 'PATCH /api/staff/:id'
  | 'POST /api/staff/:id/reset-password'
  | 'GET /api/admin/log'
  | 'GET /api/admin/settings';

/** The admin's routes for staff accounts and the admin log. */
export function staffHandlers(ctx: AppContext): RouteHandlers<StaffRoute> {
  return {
    'GET /api/staff': async () => (await listStaff()).map(presentStaff),
    'POST /api/staff': async ({ body, user }) => {
      // An invitation is written in the inviting admin's language: they know their colleagues'.
      const invite = { send: ctx.invitations, locale: textLocale(user.locale) };
      const { user: created, password, invited } = await createStaff(ctx.sequelize, user.id, body, invite);
      return {
        staff: presentStaff(created),
        ...(password === undefined ? {} : { password }),
        ...(invited ? { invited } : {}),
      };
    },
    'PATCH /api/staff/:id': async ({ params, body, user }) => ({
      staff: await updateStaff(ctx, user.id, params.id, body),
    }),
    'POST /api/staff/:id/reset-password': async ({ params, user }) => ({
      password: await resetStaffPassword(ctx, user.id, params.id),
    }),
    'GET /api/admin/log': async ({ query }) => adminLogPage(ctx.sequelize, query),
    'GET /api/admin/settings': async () => ({ emailConfigured: ctx.invitations !== undefined }),
  };
}
