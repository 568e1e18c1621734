import type { Sequelize } from 'sequelize';
import type { CreateStaffBody } from '../../shared/staff';
import type { SendInvitation } from '../context';
import { generatePassword } from '../accounts/passwords';
import type { User } from '../db/models/index';
import { missingDepartments } from '../departments/lookup';
import { emailNotConfigured, invitationFailed, unknownDepartment } from '../errors';
import type { Locale } from '../util/locale';
import { recordAdminLog, staffTarget } from '../staff/admin-log';
import { presentStaff } from '../staff/present';
import { createUser } from './create-user';

/** How to invite by email, when the body asks for it: the sender (none without SMTP_URL) and the language. */
export interface InviteWith {
  send: SendInvitation | undefined;
  locale: Locale;
}

/**
 * A nurse or admin account, made by an admin (or the CLI, `actorId` null), with its admin log entry in
 * the same transaction. Without a password one is generated and answered once; only its hash is kept.
 * With `invite: true` it is emailed instead, before the transaction commits: when the mail server does
 * not take it, no account is made (502 `invitation_failed`), so nobody is left with a password no one saw.
 */
export async function createStaff(
  sequelize: Sequelize,
  actorId: number | null,
  body: CreateStaffBody,
  invite?: InviteWith,
): Promise<{ user: User; password?: string; invited?: true }> {
  const sendInvitation = body.invite === true ? invite?.send : undefined;
  if (body.invite === true && !sendInvitation) throw emailNotConfigured();
  const { invite: _invite, ...account } = body;
  const password = account.password ?? generatePassword();
  const user = await sequelize.transaction(async (transaction) => {
    const departments = body.departments ?? 'all';
    if (departments !== 'all') {
      const missing = await missingDepartments(sequelize, departments, transaction);
      if (missing.length > 0) throw unknownDepartment(missing);
    }
    const created = await createUser({ ...account, password, departments }, transaction);
    const { createdAt: _createdAt, lastSeenAt: _lastSeenAt, ...after } = presentStaff(created);
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'staff.created',
      target: staffTarget(created.id),
      before: null,
      after: sendInvitation ? { ...after, invited: true } : after,
    });
    if (sendInvitation && invite && created.email) {
      const invitation = { to: created.email, name: created.name, password, locale: invite.locale };
      await sendInvitation(invitation).catch(() => {
        throw invitationFailed();
      });
    }
    return created;
  });
  if (sendInvitation) return { user, invited: true };
  return account.password === undefined ? { user, password } : { user };
}
