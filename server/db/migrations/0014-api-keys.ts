import type { MigrationFn } from './types';

/**
 * Hospital systems (issue 21): API keys and the answers kept for `Idempotency-Key`.
 * - `api_keys`: a key's secret only as its SHA-256 (the secret is 32 random bytes, so a plain hash is
 *   enough, as for sessions); its scopes; the admin who made it, in whose name it acts (a key of a
 *   disabled or deleted admin stops); `last_used_at`, written at most once a minute; `revoked_at`.
 * - `idempotency_keys`: one row per caller and key (`caller` is `user:<id>` or `key:<id>`; the key itself
 *   only hashed), the hash of the request it was first sent with, and once that request has succeeded its
 *   status and answer. The answer is encrypted with a key derived from the Idempotency-Key, which is not
 *   stored: an answer may hold a secret shown once (a generated password, a key's secret). A row with no
 *   status is a request still running (`locked_at`). Rows live 24 hours (`expires_at`).
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE api_keys (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      secret_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
      created_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE idempotency_keys (
      caller text NOT NULL,
      key_hash text NOT NULL,
      request_hash text NOT NULL,
      status integer,
      answer bytea,
      locked_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (caller, key_hash)
    );
    CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE idempotency_keys;
    DROP TABLE api_keys;
  `);
};
