import type { MigrationFn } from './types';

/**
 * Each session slides on its own idle time: a patient's on 30 days, a staff member's on
 * STAFF_IDLE_MINUTES (a shared ward PC's token dies with its idle console). Staff sessions that exist
 * already get the 15-minute default; the next sign-in takes the configured value.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE sessions ADD COLUMN idle_seconds integer NOT NULL DEFAULT 2592000 CHECK (idle_seconds > 0);
    UPDATE sessions s SET idle_seconds = 900,
           expires_at = least(s.expires_at, s.last_used_at + interval '15 minutes')
      FROM users u WHERE u.id = s.user_id AND u.role <> 'patient';
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE sessions DROP COLUMN idle_seconds;`);
};
