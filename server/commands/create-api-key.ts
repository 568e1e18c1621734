import type { Sequelize } from 'sequelize';
import type { CreateApiKeyBody, CreatedApiKey } from '../../shared/api-keys';
import { generateApiKeySecret, insertApiKey } from '../accounts/api-keys';
import { apiKeyTarget, recordAdminLog } from '../staff/admin-log';

/**
 * An admin makes an API key, with its admin log entry in the same transaction. The secret is answered
 * once and only its hash is kept; the key acts in the name of the admin who made it.
 */
export async function createApiKey(
  sequelize: Sequelize,
  actorId: number,
  body: CreateApiKeyBody,
): Promise<CreatedApiKey> {
  const secret = generateApiKeySecret();
  const apiKey = await sequelize.transaction(async (transaction) => {
    const created = await insertApiKey(sequelize, transaction, { ...body, createdBy: actorId, secret });
    await recordAdminLog(sequelize, transaction, {
      actorId,
      action: 'api_key.created',
      target: apiKeyTarget(created.id),
      before: null,
      after: { name: created.name, scopes: created.scopes },
    });
    return created;
  });
  return { apiKey, secret };
}
