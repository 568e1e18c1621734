import { QueryTypes } from 'sequelize';
import { forgetIdempotencyRecords } from '../accounts/idempotency-records';
import { verifyPassword } from '../accounts/passwords';
import type { AppContext } from '../context';
import type { User } from '../db/models/index';
import { wrongPassword } from '../errors';
import { deleteUserRow, unlinkNotifications, unlinkTickets } from '../privacy/erase';
import { cancelTicket } from './cancel-ticket';

type DeleteDeps = Pick<AppContext, 'sequelize' | 'clock' | 'config' | 'realtime' | 'outbox'>;

/**
 * A patient leaves for good, confirming with their password (403 `wrong_password`). Their places in queues
 * are given up as a cancel would (the patients behind move up and are told); then, in one transaction,
 * their tickets and notifications are kept without any link to them and the account row goes, with its
 * sessions, push subscriptions and reset tokens: name, email and phone are nowhere any more, and the email
 * can register again. Once committed, their open sockets are cut on every process.
 */
export async function deleteAccount(deps: DeleteDeps, user: User, password: string): Promise<void> {
  // A guest has no password: their token, the only key to their account, is what confirms it.
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, password)))
    throw wrongPassword('body.password');
  const { sequelize } = deps;
  for (const ticketId of await cancellableTickets(deps, user.id)) {
    // A ticket that moved on meanwhile (called to serving) is finished below instead.
    await cancelTicket(deps, user.id, ticketId).catch(() => undefined);
  }
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(`SELECT id FROM users WHERE id = :id FOR UPDATE`, {
      replacements: { id: user.id },
      transaction,
    });
    await unlinkTickets(sequelize, user.id, deps.clock.now(), transaction);
    await unlinkNotifications(sequelize, user.id, transaction);
    // Their stored join answers hold their ticket: gone now rather than after their 24 hours.
    await forgetIdempotencyRecords(sequelize, user.id, transaction);
    await deleteUserRow(sequelize, user, transaction);
  });
  deps.realtime.disconnectUser(user.id);
}

async function cancellableTickets(deps: DeleteDeps, userId: number): Promise<number[]> {
  const rows = await deps.sequelize.query<{ id: number }>(
    `SELECT id FROM tickets WHERE user_id = :userId AND status IN ('waiting', 'called') ORDER BY id`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => Number(row.id));
}
