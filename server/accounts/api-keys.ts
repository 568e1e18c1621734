import crypto from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { API_KEY_PREFIX } from '../../shared/api-keys';
import type { ApiKey, ApiKeyScope } from '../../shared/api-keys';
import { User } from '../db/models/index';
import { iso } from '../util/iso';
import { hashToken } from './tokens';

/** `last_used_at` is written at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

interface ApiKeyRow {
  id: string | number;
  name: string;
  scopes: ApiKeyScope[];
  created_by: string | number | null;
  created_at: Date;
  last_used_at: Date | null;
}

/** A caller that signed in with an API key: the key, and the admin who made it, in whose name it acts. */
export interface ApiKeyCaller {
  id: number;
  name: string;
  scopes: readonly ApiKeyScope[];
}

export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: Number(row.id),
    name: row.name,
    scopes: row.scopes,
    createdAt: iso(row.created_at) ?? '',
    lastUsedAt: iso(row.last_used_at),
  };
}

/** `qb_` and 32 random bytes; only its SHA-256 is stored, like a session token. */
export function generateApiKeySecret(): string {
  return `${API_KEY_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export function isApiKeySecret(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export async function insertApiKey(
  sequelize: Sequelize,
  transaction: Transaction,
  key: { name: string; scopes: readonly ApiKeyScope[]; createdBy: number | null; secret: string },
): Promise<ApiKey> {
  const [row] = await sequelize.query<ApiKeyRow>(
    `INSERT INTO api_keys (name, scopes, created_by, secret_hash)
     VALUES (:name, ARRAY[:scopes]::text[], :createdBy, :secretHash)
     RETURNING id, name, scopes, created_by, created_at, last_used_at`,
    {
      replacements: {
        name: key.name,
        scopes: [...key.scopes],
        createdBy: key.createdBy,
        secretHash: hashToken(key.secret),
      },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  if (!row) throw new Error('INSERT … RETURNING answered no row');
  return presentApiKey(row);
}

/** The keys still in force, newest first; never their secrets (only hashes are kept anyway). */
export async function listApiKeys(sequelize: Sequelize): Promise<ApiKey[]> {
  const rows = await sequelize.query<ApiKeyRow>(
    `SELECT id, name, scopes, created_by, created_at, last_used_at
       FROM api_keys WHERE revoked_at IS NULL ORDER BY id DESC`,
    { type: QueryTypes.SELECT },
  );
  return rows.map(presentApiKey);
}

/** Revokes a key in force; answers it as it was, or null when there is no such key in force. */
export async function revokeApiKeyRow(
  sequelize: Sequelize,
  transaction: Transaction,
  id: number,
): Promise<ApiKey | null> {
  const rows = await sequelize.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL
     RETURNING id, name, scopes, created_by, created_at, last_used_at`,
    { replacements: { id }, type: QueryTypes.SELECT, transaction },
  );
  return rows[0] ? presentApiKey(rows[0]) : null;
}

/**
 * The key a secret names, if it is in force and the admin who made it still is an active admin (a key
 * acts in their name: disabling them stops their keys). Revocation is read on every request, so a revoked
 * key stops at once; `last_used_at` is written once a minute at most.
 */
export async function authenticateApiKey(
  sequelize: Sequelize,
  secret: string,
): Promise<{ user: User; apiKey: ApiKeyCaller } | undefined> {
  if (secret.length < 20 || secret.length > 200) return undefined;
  const [row] = await sequelize.query<ApiKeyRow>(
    `SELECT id, name, scopes, created_by, created_at, last_used_at
       FROM api_keys WHERE secret_hash = :hash AND revoked_at IS NULL`,
    { replacements: { hash: hashToken(secret) }, type: QueryTypes.SELECT },
  );
  if (!row || row.created_by === null) return undefined;
  const user = await User.findOne({ where: { id: Number(row.created_by), role: 'admin', disabled: false } });
  if (!user) return undefined;
  await touchApiKey(sequelize, row);
  return { user, apiKey: { id: Number(row.id), name: row.name, scopes: row.scopes } };
}

async function touchApiKey(sequelize: Sequelize, row: ApiKeyRow): Promise<void> {
  const last = row.last_used_at?.getTime() ?? 0;
  if (Date.now() - last < TOUCH_EVERY_MS) return;
  await sequelize.query(`UPDATE api_keys SET last_used_at = now() WHERE id = :id`, {
    replacements: { id: row.id },
  });
}
