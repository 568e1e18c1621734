import type { MigrationFn } from './types';

/** Users (patients and staff), their sessions (hashed tokens) and failed logins for rate limiting. */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE users (
      id bigserial PRIMARY KEY,
      email text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('patient', 'nurse', 'admin')),
      locale text NOT NULL DEFAULT 'en',
      -- NULL means every department; the fan-out reads this column directly.
      notify_departments text[],
      push_enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX users_role_idx ON users (role);

    CREATE TABLE sessions (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE login_failures (
      id bigserial PRIMARY KEY,
      email text NOT NULL,
      ip text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX login_failures_lookup_idx ON login_failures (email, ip, created_at);
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`DROP TABLE login_failures; DROP TABLE sessions; DROP TABLE users;`);
};
