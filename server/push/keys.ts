import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { getOrCreateSetting } from '../db/settings';
import { generateVapidKeys } from './vapid';
import type { VapidConfig } from './vapid';

/** VAPID keys from the environment, or generated on first start and kept in the database for every process. */
export async function loadVapidKeys(sequelize: Sequelize, config: Config): Promise<VapidConfig> {
  const { publicKey, privateKey, subject } = config.vapid;
  if (publicKey && privateKey) return { publicKey, privateKey, subject };
  const stored = await getOrCreateSetting(sequelize, 'vapid_keys', generateVapidKeys);
  return { ...stored, subject };
}
