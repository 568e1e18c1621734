import crypto from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { hashToken } from './tokens';

/** A reset link works for this long after it is sent. */
export const RESET_TOKEN_MINUTES = 30;
/** Resets asked for one email within an hour; the next is 429. */
export const RESET_REQUESTS_PER_HOUR = 5;

/** The key resets are counted under: the SHA-256 of the address, so the address itself is not kept. */
export function resetRequestKey(email: string): string {
  return hashToken(`password-reset:${email}`);
}

/**
 * Counts this request against the email's hourly limit, whether or not an account has that email (so the
 * limit says nothing about which emails exist). Answers 0 when it may go on, else the seconds to wait.
 * Done in one statement, so five concurrent requests across processes cannot become six.
 */
export async function countResetRequest(sequelize: Sequelize, email: string): Promise<number> {
  const key = resetRequestKey(email);
  return sequelize.transaction(async (transaction) => {
    // One lock per email key: concurrent requests for it queue here, and the count below is exact.
    await sequelize.query(`SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))`, {
      replacements: { key },
      transaction,
    });
    const [row] = await sequelize.query<{ requests: number; oldest: Date | null }>(
      `SELECT count(*)::int AS requests, min(created_at) AS oldest FROM password_reset_requests
        WHERE email_hash = :key AND created_at > now() - interval '1 hour'`,
      { replacements: { key }, type: QueryTypes.SELECT, transaction },
    );
    if (row && row.requests >= RESET_REQUESTS_PER_HOUR && row.oldest) {
      const freesAt = new Date(row.oldest).getTime() + 60 * 60_000;
      return Math.max(1, Math.ceil((freesAt - Date.now()) / 1000));
    }
    await sequelize.query(`INSERT INTO password_reset_requests (email_hash) VALUES (:key)`, {
      replacements: { key },
      transaction,
    });
    return 0;
  });
}

/** A new reset token: the random text for the link, and the hash that is all the database keeps. */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export async function storeResetToken(
  sequelize: Sequelize,
  userId: number,
  tokenHash: string,
  now: Date,
): Promise<void> {
  await sequelize.query(
    `INSERT INTO password_resets (user_id, token_hash, created_at, expires_at)
     VALUES (:userId, :tokenHash, :now, :expiresAt)`,
    {
      replacements: {
        userId,
        tokenHash,
        now,
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
      },
    },
  );
}

/**
 * Uses a reset token up: answers its account, or null when it is unknown, used or expired. The update is
 * conditional, so two confirmations of one link cannot both pass.
 */
export async function consumeResetToken(
  sequelize: Sequelize,
  token: string,
  now: Date,
  transaction: Transaction,
): Promise<number | null> {
  const [row] = await sequelize.query<{ user_id: number }>(
    `UPDATE password_resets SET used_at = :now
      WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now
      RETURNING user_id`,
    { replacements: { tokenHash: hashToken(token), now }, type: QueryTypes.SELECT, transaction },
  );
  return row ? Number(row.user_id) : null;
}

/** Every other reset link of the account stops working once one was used (or the password changed). */
export async function dropResetTokens(
  sequelize: Sequelize,
  userId: number,
  transaction: Transaction,
): Promise<void> {
  await sequelize.query(`DELETE FROM password_resets WHERE user_id = :userId AND used_at IS NULL`, {
    replacements: { userId },
    transaction,
  });
}
