import { Op, QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_MINUTES } from '../../shared/constants';

/**
 * Failed logins are counted per email and IP in the database, so the limit holds across several
 * server processes and restarts.
 */
export async function loginRetryAfterSeconds(
  sequelize: Sequelize,
  email: string,
  ip: string,
): Promise<number> {
  const rows = await sequelize.query<{ failures: number; oldest: Date | null }>(
    `SELECT count(*)::int AS failures, min(created_at) AS oldest FROM login_failures
      WHERE email = :email AND ip = :ip AND created_at > now() - make_interval(mins => :window)`,
    { replacements: { email, ip, window: LOGIN_FAILURE_WINDOW_MINUTES }, type: QueryTypes.SELECT },
  );
  const row = rows[0];
  if (!row || row.failures < LOGIN_FAILURE_LIMIT || !row.oldest) return 0;
  const freesAt = new Date(row.oldest).getTime() + LOGIN_FAILURE_WINDOW_MINUTES * 60_000;
  return Math.max(1, Math.ceil((freesAt - Date.now()) / 1000));
}

export async function recordLoginFailure(sequelize: Sequelize, email: string, ip: string): Promise<void> {
  await sequelize.query(`INSERT INTO login_failures (email, ip) VALUES (:email, :ip)`, {
    replacements: { email, ip },
  });
}

export async function clearLoginFailures(sequelize: Sequelize, email: string, ip: string): Promise<void> {
  await sequelize.getQueryInterface().bulkDelete('login_failures', { email, ip, id: { [Op.gt]: 0 } });
}
