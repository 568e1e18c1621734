import type { MigrationFn } from './types';

/**
 * Webhooks to hospital systems (issue 21):
 * - `webhooks`: an admin's subscription: URL, events, its signing secret (encrypted with
 *   WEBHOOK_SECRET_KEY when set, else as given: an HMAC key cannot be hashed), whether it is active and
 *   since when every attempt has failed (`failing_since`, for the 3-day deactivation).
 * - `webhook_events` and `webhook_deliveries`: the outbox. An event and one delivery row per subscribed
 *   webhook are written by `webhook_emit()` inside the transaction of the change they report, so a
 *   crash loses none and a rollback sends none; its NOTIFY reaches the workers only on commit.
 * - A trigger emits `notification.failed` wherever a notification becomes failed (push, email, SMS and
 *   escalation each set it in their own statement), in that statement's transaction.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE webhooks (
      id bigserial PRIMARY KEY,
      url text NOT NULL,
      events text[] NOT NULL,
      description text,
      secret text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      failing_since timestamptz,
      created_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE webhook_events (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      data jsonb NOT NULL,
      occurred_at timestamptz NOT NULL
    );

    CREATE TABLE webhook_deliveries (
      id bigserial PRIMARY KEY,
      webhook_id bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      event_id bigint NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      give_up_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      UNIQUE (webhook_id, event_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id DESC);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

    CREATE FUNCTION webhook_emit(event_type text, event_data jsonb, at timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
    DECLARE
      new_event bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM webhooks WHERE active AND event_type = ANY (events)) THEN
        RETURN NULL;
      END IF;
      INSERT INTO webhook_events (type, data, occurred_at) VALUES (event_type, event_data, at)
        RETURNING id INTO new_event;
      INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at, give_up_at)
        SELECT id, new_event, at, at + interval '24 hours' FROM webhooks WHERE active AND event_type = ANY (events);
      PERFORM pg_notify('webhook_deliveries', '');
      RETURN new_event;
    END $$;

    CREATE FUNCTION webhook_notification_failed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM webhook_emit('notification.failed', jsonb_build_object(
        'notificationId', NEW.id,
        'notificationType', NEW.type,
        'department', (SELECT code FROM departments WHERE id = NEW.department_id),
        'ticket', NEW.data ->> 'ticket',
        'failedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ), now());
      RETURN NULL;
    END $$;
    CREATE TRIGGER notifications_failed_webhook AFTER UPDATE OF delivery_status ON notifications
      FOR EACH ROW WHEN (NEW.delivery_status = 'failed' AND OLD.delivery_status IS DISTINCT FROM 'failed')
      EXECUTE FUNCTION webhook_notification_failed();
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DROP TRIGGER notifications_failed_webhook ON notifications;
    DROP FUNCTION webhook_notification_failed();
    DROP FUNCTION webhook_emit(text, jsonb, timestamptz);
    DROP TABLE webhook_deliveries;
    DROP TABLE webhook_events;
    DROP TABLE webhooks;
  `);
};
