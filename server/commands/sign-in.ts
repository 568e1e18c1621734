import type { Sequelize } from 'sequelize';
import type { LoginBody } from '../../shared/schemas';
import { checkCredentials } from '../accounts/login';
import { issueToken } from '../accounts/tokens';
import type { User } from '../db/models/index';
import { recordAdminLog, staffTarget } from '../staff/admin-log';
import { iso } from '../util/iso';

/**
 * Signs in with an email and password. A staff sign-in is an admin log entry, written with its "last
 * seen" before the token is issued: no staff member holds a session the log does not show.
 */
export async function signIn(
  sequelize: Sequelize,
  body: LoginBody,
  ip: string,
): Promise<{ token: string; user: User }> {
  const user = await checkCredentials(sequelize, body, ip);
  if (user.role !== 'patient') await recordStaffSignIn(sequelize, user, ip);
  return { token: await issueToken(user.id), user };
}

async function recordStaffSignIn(sequelize: Sequelize, user: User, ip: string): Promise<void> {
  const lastSeenBefore = iso(user.lastSeenAt);
  await sequelize.transaction(async (transaction) => {
    await user.update({ lastSeenAt: new Date() }, { transaction, silent: true });
    await recordAdminLog(sequelize, transaction, {
      actorId: user.id,
      action: 'staff.signed_in',
      target: staffTarget(user.id),
      before: { lastSeenAt: lastSeenBefore },
      after: { lastSeenAt: iso(user.lastSeenAt) },
      extra: { ip },
    });
  });
}
