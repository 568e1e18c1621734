import { Op } from 'sequelize';
import type { AppContext } from '../context';
import { dropResetTokens } from '../accounts/password-resets';
import { hashPassword, verifyPassword } from '../accounts/passwords';
import { Session, User } from '../db/models/index';
import { wrongPassword } from '../errors';

/**
 * The signed-in user changes their password: the current one must be right (403 `wrong_password`). Every
 * other session of theirs ends, with its open sockets; the one that asked stays signed in. Reset links not yet used stop working.
 */
export async function changePassword(
  deps: Pick<AppContext, 'sequelize' | 'realtime'>,
  user: User,
  sessionId: number,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  // A guest has no password to change: they set one by upgrading (POST /api/me/upgrade).
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, body.currentPassword)))
    throw wrongPassword();
  const passwordHash = await hashPassword(body.newPassword);
  const { sequelize } = deps;
  await sequelize.transaction(async (transaction) => {
    await User.update({ passwordHash }, { where: { id: user.id }, transaction });
    await Session.update(
      { revokedAt: new Date() },
      { where: { userId: user.id, id: { [Op.ne]: sessionId }, revokedAt: null }, transaction },
    );
    await dropResetTokens(sequelize, user.id, transaction);
  });
  // The sockets of the sessions that ended go too, on every process; this device's stays.
  deps.realtime.disconnectOtherSessions(user.id, sessionId);
}
