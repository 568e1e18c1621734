import type { MigrationFn } from './types';

/**
 * The audit trail of queue changes, the notification outbox and push subscriptions.
 * A `fanouts` row is written in the same transaction as a queue change; workers expand it into one
 * `notifications` row per recipient in batches, and the unique (user_id, event_key) makes that idempotent.
 * Each notification row is also its own push outbox entry (push_* columns, leased by workers).
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE queue_events (
      id bigserial PRIMARY KEY,
      department_id bigint NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
      previous_status text NOT NULL CHECK (previous_status IN ('open', 'closed')),
      new_status text NOT NULL CHECK (new_status IN ('open', 'closed')),
      reason text NOT NULL CHECK (reason IN ('manual', 'schedule', 'api')),
      changed_by bigint REFERENCES users (id) ON DELETE SET NULL,
      note text,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX queue_events_department_idx ON queue_events (department_id, id DESC);

    CREATE TABLE fanouts (
      id bigserial PRIMARY KEY,
      event_key text NOT NULL UNIQUE,
      type text NOT NULL,
      department_id bigint REFERENCES departments (id) ON DELETE CASCADE,
      audience text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      recipients integer NOT NULL,
      cursor bigint NOT NULL DEFAULT 0,
      done boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX fanouts_pending_idx ON fanouts (id) WHERE NOT done;

    CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      department_id bigint REFERENCES departments (id) ON DELETE SET NULL,
      type text NOT NULL CHECK (type IN ('queue_opened', 'queue_closed', 'ticket_called', 'almost_your_turn', 'ticket_no_show')),
      event_key text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      delivery_status text NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'sent', 'delivered', 'failed')),
      push_status text NOT NULL DEFAULT 'pending' CHECK (push_status IN ('pending', 'done', 'failed')),
      push_attempts integer NOT NULL DEFAULT 0,
      push_sent_to bigint[] NOT NULL DEFAULT '{}',
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      delivered_at timestamptz,
      read_at timestamptz,
      UNIQUE (user_id, event_key)
    );
    CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE push_status = 'pending';
    CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
    CREATE INDEX notifications_department_idx ON notifications (department_id, created_at);
    CREATE INDEX notifications_created_idx ON notifications (created_at);

    CREATE TABLE push_subscriptions (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      endpoint text NOT NULL UNIQUE,
      p256dh text NOT NULL,
      auth text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(
    `DROP TABLE push_subscriptions; DROP TABLE notifications; DROP TABLE fanouts; DROP TABLE queue_events;`,
  );
};
