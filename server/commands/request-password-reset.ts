import { countResetRequest, newResetToken, storeResetToken } from '../accounts/password-resets';
import { User } from '../db/models/index';
import type { AppContext } from '../context';
import { rateLimited } from '../errors';

type ResetDeps = Pick<AppContext, 'sequelize' | 'clock' | 'logger' | 'accountMail'>;

/**
 * Someone asks for a reset link for an email. The answer (202) and its timing must not say whether an
 * account has that email: the only work before the answer is the per-email count, done alike for every
 * email; finding the account, making the token and sending the email happen after, in the background,
 * and the token is made and hashed whether or not it is kept. Staff accounts get nothing: an admin resets
 * them.
 */
export async function requestPasswordReset(deps: ResetDeps, email: string): Promise<void> {
  const waitSeconds = await countResetRequest(deps.sequelize, email);
  if (waitSeconds > 0) throw rateLimited(waitSeconds);
  void sendResetLink(deps, email).catch((error: unknown) =>
    deps.logger.warn({ err: error }, 'could not send a password-reset email'),
  );
}

async function sendResetLink(deps: ResetDeps, email: string): Promise<void> {
  const { token, tokenHash } = newResetToken();
  const user = await User.findOne({ where: { email } });
  if (!user || user.role !== 'patient' || user.disabled) return;
  await storeResetToken(deps.sequelize, user.id, tokenHash, deps.clock.now());
  if (!deps.accountMail) {
    deps.logger.warn('a password reset was asked for, but there is no SMTP_URL to send it with');
    return;
  }
  if (!user.email) return; // a guest has no email (nor is found by one)
  await deps.accountMail.sendPasswordReset({ to: user.email, locale: user.locale, token });
  deps.logger.info({ userId: user.id }, 'password-reset email sent');
}
