import type { Sequelize } from 'sequelize';
import { revokeApiKeyRow } from '../accounts/api-keys';
import { notFound } from '../errors';
import { apiKeyTarget, recordAdminLog } from '../staff/admin-log';

/**
 * An admin revokes an API key: it stops at once (every request reads whether its key is in force), with
 * its admin log entry in the same transaction. An unknown or already revoked key is 404.
 */
export async function revokeApiKey(sequelize: Sequelize, actorId: number, id: number): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const revoked = await revokeApiKeyRow(sequelize, transaction, id);
    if (!revoked) throw notFound('There is no such API key.');
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'api_key.revoked',
      target: apiKeyTarget(id),
      before: { name: revoked.name, scopes: revoked.scopes },
      after: null,
    });
  });
}
