import { UniqueConstraintError } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import type { Role } from '../../shared/constants';
import type { LoginBody, Preferences, RegisterBody } from '../../shared/schemas';
import { User } from '../db/models/index';
import { ApiError, conflict, rateLimited } from '../errors';
import { clearLoginFailures, loginRetryAfterSeconds, recordLoginFailure } from './login-limiter';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { issueToken } from './tokens';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role: Role;
  locale?: string | undefined;
}

export async function createUser(input: NewUser, transaction?: Transaction): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await User.create(
      {
        email: input.email.toLowerCase(),
        passwordHash,
        name: input.name,
        role: input.role,
        locale: input.locale ?? 'en',
      },
      { transaction },
    );
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw conflict('email_taken', 'An account with this email already exists.');
    }
    throw error;
  }
}

/** Self-registration only ever makes patients; staff accounts come from the CLI. */
export async function register(body: RegisterBody): Promise<{ token: string; user: User }> {
  const user = await createUser({ ...body, role: 'patient' });
  return { token: await issueToken(user.id), user };
}

const BAD_CREDENTIALS = 'The email or password is not right.';

export async function login(sequelize: Sequelize, body: LoginBody, ip: string) {
  const retryAfter = await loginRetryAfterSeconds(sequelize, body.email, ip);
  if (retryAfter > 0) throw rateLimited(retryAfter);
  const user = await User.findOne({ where: { email: body.email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), body.password);
  if (!user || !passwordOk) {
    await recordLoginFailure(sequelize, body.email, ip);
    throw new ApiError(401, 'unauthenticated', BAD_CREDENTIALS);
  }
  await clearLoginFailures(sequelize, body.email, ip);
  return { token: await issueToken(user.id), user };
}

export function preferencesOf(user: User): Preferences {
  return {
    departments: user.notifyDepartments ?? 'all',
    push: user.pushEnabled,
    locale: user.locale,
  };
}

export async function savePreferences(user: User, preferences: Preferences): Promise<Preferences> {
  const departments = preferences.departments === 'all' ? null : [...new Set(preferences.departments)].sort();
  await user.update({
    notifyDepartments: departments,
    pushEnabled: preferences.push,
    locale: preferences.locale,
  });
  return preferencesOf(user);
}
