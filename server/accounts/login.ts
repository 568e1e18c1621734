import type { Sequelize } from 'sequelize';
import type { LoginBody } from '../../shared/schemas';
import { User } from '../db/models/index';
import { accountDisabled, ApiError, rateLimited } from '../errors';
import { clearLoginFailures, loginRetryAfterSeconds, recordLoginFailure } from './login-limiter';
import { decoyPasswordHash, verifyPassword } from './passwords';

const BAD_CREDENTIALS = 'The email or password is not right.';

/**
 * Checks an email and password and answers the account. Failures are counted per email and IP, so
 * guessing is slowed down; an unknown email costs as much as a wrong password. A disabled account is
 * told so (403 `account_disabled`) only after its right password: nobody learns it exists without it.
 */
export async function checkCredentials(sequelize: Sequelize, body: LoginBody, ip: string): Promise<User> {
  const retryAfter = await loginRetryAfterSeconds(sequelize, body.email, ip);
  if (retryAfter > 0) throw rateLimited(retryAfter);
  const user = await User.findOne({ where: { email: body.email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), body.password);
  if (!user || !passwordOk) {
    await recordLoginFailure(sequelize, body.email, ip);
    throw new ApiError(401, 'unauthenticated', BAD_CREDENTIALS);
  }
  await clearLoginFailures(sequelize, body.email, ip);
  if (user.disabled) throw accountDisabled();
  return user;
}
