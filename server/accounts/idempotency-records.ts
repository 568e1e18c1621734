import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';

/** Whose `Idempotency-Key`s a row of `idempotency_keys` holds: a signed-in account, or an API key. */
export const userCaller = (userId: number) => `user:${userId}`;
export const apiKeyCaller = (keyId: number) => `key:${keyId}`;

/**
 * The answers kept for a person's `Idempotency-Key`s (server/http/idempotency.ts) are about them (a
 * patient's own join holds their ticket), so deleting the account should delete them at once rather than
 * after their 24 hours: the account deletion calls this. They are encrypted with keys only the caller
 * knew, so there is nothing readable to export.
 */
export async function forgetIdempotencyRecords(
  sequelize: Sequelize,
  userId: number,
  transaction?: Transaction,
): Promise<number> {
  return sequelize.query(`DELETE FROM idempotency_keys WHERE caller = :caller`, {
    replacements: { caller: userCaller(userId) },
    type: QueryTypes.BULKDELETE,
    transaction,
  });
}
