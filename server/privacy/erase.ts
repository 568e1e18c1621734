import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { resetRequestKey } from '../accounts/password-resets';

/**
 * Takes a person out of the notifications kept about them: the rows stay (the day's statistics still add
 * up) but name nobody, nothing more is sent or escalated for them, and errors that could quote their
 * address are cleared. Their email and SMS records that were still to go are dropped.
 */
export async function unlinkNotifications(
  sequelize: Sequelize,
  userId: number,
  transaction: Transaction,
): Promise<void> {
  await sequelize.query(
    `WITH unlinked AS (
       UPDATE notifications
          SET user_id = NULL, last_error = NULL, escalate_at = NULL, lease_until = NULL,
              push_status = CASE WHEN push_status = 'pending' THEN 'done' ELSE push_status END
        WHERE user_id = :userId
        RETURNING id),
     dropped AS (
       DELETE FROM notification_channels f USING unlinked u
        WHERE f.notification_id = u.id AND f.status = 'pending')
     UPDATE notification_channels f SET last_error = NULL, lease_until = NULL
       FROM unlinked u WHERE f.notification_id = u.id AND f.status <> 'pending'`,
    { replacements: { userId }, transaction },
  );
}

/**
 * Tickets that name nobody: a ticket still being served is finished (the patient has left the system);
 * every ticket keeps its department, number, times and steps.
 */
export async function unlinkTickets(
  sequelize: Sequelize,
  userId: number,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await sequelize.query(
    `UPDATE tickets SET status = 'done', completed_at = :now, ended_at = :now
      WHERE user_id = :userId AND status = 'serving'`,
    { replacements: { userId, now }, transaction },
  );
  await sequelize.query(`UPDATE tickets SET user_id = NULL WHERE user_id = :userId`, {
    replacements: { userId },
    transaction,
  });
}

/**
 * The account row itself, and what hangs on it: sessions, push subscriptions and reset tokens go with it
 * (ON DELETE CASCADE), steps they took on tickets lose their actor (ON DELETE SET NULL). Failed sign-ins
 * and reset requests, kept by email, go too. The email is then free to register again.
 */
export async function deleteUserRow(
  sequelize: Sequelize,
  user: { id: number; email: string | null },
  transaction: Transaction,
): Promise<void> {
  // Sign-in failures and reset counters are kept by email; a guest has none.
  if (user.email !== null) {
    await sequelize.query(`DELETE FROM login_failures WHERE email = :email`, {
      replacements: { email: user.email },
      transaction,
    });
    await sequelize.query(`DELETE FROM password_reset_requests WHERE email_hash = :key`, {
      replacements: { key: resetRequestKey(user.email) },
      transaction,
    });
  }
  await sequelize.query(`DELETE FROM users WHERE id = :id`, {
    replacements: { id: user.id },
    type: QueryTypes.DELETE,
    transaction,
  });
}
