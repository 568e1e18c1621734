import type { MigrationFn } from './types';

/**
 * Issue 20, second half: appointments, the call order by due time, and guest patients.
 *
 * - `tickets.due_at` (0016, with its trigger and the call-order index) is when a waiting ticket is due;
 *   a checked-in appointment's ticket is inserted with its booked time there.
 * - `tickets.appointment_at` is the booked time a checked-in ticket came from (null for a walk-in).
 * - `appointments`: a booking of a patient in a department; the partial index on booked times is what
 *   the missed-booking job reads.
 * - Guests: patients with a name (and maybe a phone) but no email or password until they upgrade.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE users ALTER COLUMN email DROP NOT NULL, ALTER COLUMN password_hash DROP NOT NULL,
      ADD COLUMN guest boolean NOT NULL DEFAULT false;
    ALTER TABLE users ADD CONSTRAINT users_guest_is_patient CHECK (NOT guest OR role = 'patient'),
      ADD CONSTRAINT users_account_signs_in CHECK (guest OR (email IS NOT NULL AND password_hash IS NOT NULL));
    CREATE INDEX users_guest_idx ON users (id) WHERE guest;
    -- Guests made per address, for the sign-up limit; rows older than its window are deleted.
    CREATE TABLE guest_signups (
      id bigserial PRIMARY KEY,
      ip text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX guest_signups_ip_idx ON guest_signups (ip, created_at);

    ALTER TABLE tickets ADD COLUMN appointment_at timestamptz;

    CREATE TABLE appointments (
      id bigserial PRIMARY KEY,
      department_id bigint NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked_in', 'cancelled', 'missed')),
      ticket_id bigint REFERENCES tickets (id) ON DELETE SET NULL,
      note text,
      created_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX appointments_department_at_idx ON appointments (department_id, at);
    CREATE INDEX appointments_user_at_idx ON appointments (user_id, at);
    CREATE INDEX appointments_booked_at_idx ON appointments (at) WHERE status = 'booked';
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE appointments;
    ALTER TABLE tickets DROP COLUMN appointment_at;
    DROP TABLE guest_signups;
    DELETE FROM users WHERE guest;
    DROP INDEX users_guest_idx;
    ALTER TABLE users DROP CONSTRAINT users_account_signs_in, DROP CONSTRAINT users_guest_is_patient,
      DROP COLUMN guest;
    ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN password_hash SET NOT NULL;
  `);
};
