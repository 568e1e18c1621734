import type { MigrationFn } from './types';

/** Departments and the one status row of each department's queue. */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE departments (
      id bigserial PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]{2,16}$'),
      name text NOT NULL,
      alert_position integer NOT NULL DEFAULT 3 CHECK (alert_position >= 1),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE queues (
      department_id bigint PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
      is_open boolean NOT NULL DEFAULT false,
      manual_override boolean NOT NULL DEFAULT false,
      opened_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Small key/value store for things generated once, such as the VAPID keys.
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`DROP TABLE settings; DROP TABLE queues; DROP TABLE departments;`);
};
