import type { AppContext } from '../context';
import { generatePassword, hashPassword } from '../accounts/passwords';
import { revokeUserSessions } from '../accounts/tokens';
import { recordAdminLog, staffTarget } from '../staff/admin-log';
import { lockStaff } from '../staff/accounts';

/**
 * An admin gives a staff member a new generated password (answered once, kept only hashed): every session
 * of theirs ends in the same transaction, and their open sockets are cut after it commits.
 */
export async function resetStaffPassword(
  deps: Pick<AppContext, 'sequelize' | 'realtime'>,
  actorId: number,
  id: number,
): Promise<string> {
  const { sequelize } = deps;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await sequelize.transaction(async (transaction) => {
    const target = await lockStaff(id, transaction);
    await target.update({ passwordHash }, { transaction });
    const sessions = await revokeUserSessions(id, transaction);
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'staff.password_reset',
      target: staffTarget(id),
      // The password itself is never logged: what changed that anyone can see is the sessions.
      before: { activeSessions: sessions },
      after: { activeSessions: 0 },
    });
  });
  deps.realtime.disconnectUser(id);
  return password;
}
