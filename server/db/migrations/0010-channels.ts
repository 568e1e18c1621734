import type { MigrationFn } from './types';

/**
 * Channels beside web push.
 * - Socket and push, the channels every fan-out uses, keep their outcome on the notification row itself
 *   (`socket_at`, `push_outcome`): the row is already written when its pushes are recorded, so a fan-out
 *   to 100,000 patients costs no second row each.
 * - Email and SMS, sent to few patients each time, have one `notification_channels` row per notification
 *   and channel: their own outbox entry (status, attempts, next attempt, lease, last error).
 * - `escalate_at` is when an unconfirmed time-critical notification goes to SMS or email; it is a due
 *   time in the database, so a restart keeps it and one process claims it.
 * - `delivered_via` is the channel whose client confirmed it first.
 * - `push_subscriptions.last_success_at` tells staff whether push still reaches a patient.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE departments
      ADD COLUMN escalate_after_seconds integer NOT NULL DEFAULT 30
        CHECK (escalate_after_seconds BETWEEN 1 AND 3600);

    ALTER TABLE notifications
      ADD COLUMN socket_at timestamptz,
      ADD COLUMN push_outcome text CHECK (push_outcome IN ('sent', 'failed')),
      ADD COLUMN push_outcome_at timestamptz,
      ADD COLUMN escalate_at timestamptz,
      ADD COLUMN delivered_via text CHECK (delivered_via IN ('socket', 'push', 'email', 'sms'));
    CREATE INDEX notifications_escalate_idx ON notifications (escalate_at) WHERE escalate_at IS NOT NULL;

    ALTER TABLE push_subscriptions ADD COLUMN last_success_at timestamptz;

    CREATE TABLE notification_channels (
      notification_id bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz,
      PRIMARY KEY (notification_id, channel)
    );
    CREATE INDEX notification_channels_due_idx ON notification_channels (next_attempt_at) WHERE status = 'pending';
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE notification_channels;
    ALTER TABLE push_subscriptions DROP COLUMN last_success_at;
    DROP INDEX notifications_escalate_idx;
    ALTER TABLE notifications
      DROP COLUMN delivered_via, DROP COLUMN escalate_at, DROP COLUMN push_outcome_at, DROP COLUMN push_outcome, DROP COLUMN socket_at;
    ALTER TABLE departments DROP COLUMN escalate_after_seconds;
  `);
};
