import { consumeResetToken, dropResetTokens } from '../accounts/password-resets';
import { hashPassword } from '../accounts/passwords';
import { revokeUserSessions } from '../accounts/tokens';
import { User } from '../db/models/index';
import type { AppContext } from '../context';
import { invalidResetToken } from '../errors';

/**
 * A new password through an emailed link. The token is used up, the password changed and every session
 * of the account revoked in one transaction; once committed, its open sockets are cut on every process.
 */
export async function confirmPasswordReset(
  deps: Pick<AppContext, 'sequelize' | 'clock' | 'realtime'>,
  token: string,
  password: string,
): Promise<void> {
  const { sequelize } = deps;
  // Hashed before the transaction: argon2 takes a while and no row should stay locked meanwhile.
  const passwordHash = await hashPassword(password);
  const userId = await sequelize.transaction(async (transaction) => {
    const owner = await consumeResetToken(sequelize, token, deps.clock.now(), transaction);
    if (owner === null) throw invalidResetToken();
    await User.update({ passwordHash }, { where: { id: owner }, transaction });
    await revokeUserSessions(owner, transaction);
    await dropResetTokens(sequelize, owner, transaction);
    return owner;
  });
  deps.realtime.disconnectUser(userId);
}
