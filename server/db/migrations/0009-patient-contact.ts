import type { MigrationFn } from './types';

/**
 * A patient's phone (E.164, or none) and whether they may be reached by email and by SMS. The check
 * keeps SMS from being on without a number to send to, whatever order two requests commit in.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE users
      ADD COLUMN phone text NULL,
      ADD COLUMN email_enabled boolean NOT NULL DEFAULT true,
      ADD COLUMN sms_enabled boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT users_sms_needs_phone CHECK (NOT sms_enabled OR phone IS NOT NULL);
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE users
      DROP CONSTRAINT users_sms_needs_phone,
      DROP COLUMN sms_enabled,
      DROP COLUMN email_enabled,
      DROP COLUMN phone;
  `);
};
