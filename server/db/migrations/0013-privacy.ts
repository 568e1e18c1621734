import type { MigrationFn } from './types';

/**
 * A patient's account for its whole life (issue 19).
 * - Tickets and notifications may outlive the link to their patient: a deleted account, or the retention
 *   job, sets `user_id` to NULL and keeps the row, so the day's figures still add up.
 * - `password_resets`: single-use reset tokens, stored as their SHA-256 only, with their expiry.
 * - `password_reset_requests`: one row per reset asked for (known email or not), by the SHA-256 of the
 *   email, so the limit of 5 an hour holds across processes without keeping the address itself.
 * - `retention_runs`: the nightly retention job claims its day here, so it runs once across processes.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE tickets ALTER COLUMN user_id DROP NOT NULL;
    ALTER TABLE notifications ALTER COLUMN user_id DROP NOT NULL;
    CREATE INDEX tickets_linked_joined_idx ON tickets (joined_at) WHERE user_id IS NOT NULL;
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE password_resets (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX password_resets_user_idx ON password_resets (user_id);
    CREATE INDEX password_resets_expires_idx ON password_resets (expires_at);

    CREATE TABLE password_reset_requests (
      id bigserial PRIMARY KEY,
      email_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_reset_requests_lookup_idx ON password_reset_requests (email_hash, created_at);

    CREATE TABLE retention_runs (
      run_date date PRIMARY KEY,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      summary jsonb
    );
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE retention_runs;
    DROP TABLE password_reset_requests;
    DROP TABLE password_resets;
    DROP INDEX sessions_expires_idx;
    DROP INDEX tickets_linked_joined_idx;
    -- Rows no longer linked to anyone cannot go back under NOT NULL.
    DELETE FROM notifications WHERE user_id IS NULL;
    DELETE FROM tickets WHERE user_id IS NULL;
    ALTER TABLE notifications ALTER COLUMN user_id SET NOT NULL;
    ALTER TABLE tickets ALTER COLUMN user_id SET NOT NULL;
  `);
};
