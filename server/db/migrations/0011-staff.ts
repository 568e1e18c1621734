import type { MigrationFn } from './types';

/**
 * Staff run from the console: accounts that can be disabled, the departments each nurse acts on, a
 * department's rooms and thresholds, archived departments, and the admin log.
 * - `users.staff_departments`: the codes a nurse may act on; NULL is every department, which is what every
 *   account made before this migration keeps. Codes, like `notify_departments`, since a code never changes.
 * - `departments.rooms`: `{}` lets a call name any room (as before); once rooms are listed, a call names one.
 * - `long_wait_alerts`: one row per ticket whose long wait staff were told about. Its primary key is what
 *   makes the alert fire once across processes, without locking the ticket row (a lock there, however
 *   short, would make a concurrent call-next's SKIP LOCKED pass over that patient).
 * - `admin_log`: who changed which account or department, with what it was before and after.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE users
      ADD COLUMN disabled boolean NOT NULL DEFAULT false,
      ADD COLUMN last_seen_at timestamptz,
      ADD COLUMN staff_departments text[];

    UPDATE departments SET alert_position = 20 WHERE alert_position > 20;
    ALTER TABLE departments
      ADD COLUMN rooms text[] NOT NULL DEFAULT '{}',
      ADD COLUMN long_wait_minutes integer NOT NULL DEFAULT 40 CHECK (long_wait_minutes BETWEEN 5 AND 600),
      ADD COLUMN archived boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT departments_alert_position_range CHECK (alert_position BETWEEN 1 AND 20);

    CREATE TABLE long_wait_alerts (
      ticket_id bigint PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
      waiting_minutes integer NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE admin_log (
      id bigserial PRIMARY KEY,
      actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
      action text NOT NULL,
      target text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    );
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE admin_log;
    DROP TABLE long_wait_alerts;
    ALTER TABLE departments
      DROP CONSTRAINT departments_alert_position_range,
      DROP COLUMN archived,
      DROP COLUMN long_wait_minutes,
      DROP COLUMN rooms;
    ALTER TABLE users DROP COLUMN staff_departments, DROP COLUMN last_seen_at, DROP COLUMN disabled;
  `);
};
