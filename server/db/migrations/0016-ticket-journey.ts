import type { MigrationFn } from './types';

/**
 * The patient's way through the hospital (transfers, requeues, undo, replies).
 * - A ticket can end `transferred`; the ticket it became points back at it (`transferred_from_id`), so
 *   each side finds the other from one column (a ticket is transferred at most once).
 * - `due_at` is the time a waiting ticket's turn counts from: its join (the default, set by a trigger so
 *   every insert gets it), or the place a requeue gave it. The call order is priority, then `due_at`;
 *   `joined_at` keeps saying when the patient arrived.
 * - A ticket event that moved the ticket keeps the ticket's state before it (`previous`), so the nurse
 *   who made it can undo it exactly; `undone_at` marks it undone. `details` holds what one kind of event
 *   needs beyond room, priority and reason (a transfer's other ticket, a requeue's placement, a reply).
 * - Notifications gain the type `ticket_transferred`.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE tickets DROP CONSTRAINT tickets_status_check;
    ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
      CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'transferred'));
    ALTER TABLE tickets
      ADD COLUMN transferred_from_id bigint UNIQUE REFERENCES tickets (id) ON DELETE SET NULL,
      ADD COLUMN due_at timestamptz;
    UPDATE tickets SET due_at = joined_at;
    ALTER TABLE tickets ALTER COLUMN due_at SET NOT NULL;
    -- A ticket inserted without a due time is due from its join: every existing insert stays as it is.
    CREATE FUNCTION tickets_due_at_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.due_at := coalesce(NEW.due_at, NEW.joined_at); RETURN NEW; END $$;
    CREATE TRIGGER tickets_due_at_default BEFORE INSERT ON tickets
      FOR EACH ROW EXECUTE FUNCTION tickets_due_at_default();
    DROP INDEX tickets_waiting_idx;
    CREATE INDEX tickets_waiting_idx ON tickets (department_id, priority_weight DESC, due_at, id)
      WHERE status = 'waiting';

    ALTER TABLE ticket_events
      ADD COLUMN previous jsonb,
      ADD COLUMN details jsonb,
      ADD COLUMN undone_at timestamptz;

    ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
      CHECK (type IN ('queue_opened', 'queue_closed', 'ticket_called', 'almost_your_turn', 'ticket_no_show',
                      'ticket_transferred'));
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    DELETE FROM notifications WHERE type = 'ticket_transferred';
    ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
      CHECK (type IN ('queue_opened', 'queue_closed', 'ticket_called', 'almost_your_turn', 'ticket_no_show'));

    ALTER TABLE ticket_events DROP COLUMN undone_at, DROP COLUMN details, DROP COLUMN previous;

    DROP INDEX tickets_waiting_idx;
    CREATE INDEX tickets_waiting_idx ON tickets (department_id, priority_weight DESC, joined_at, id)
      WHERE status = 'waiting';
    DROP TRIGGER tickets_due_at_default ON tickets;
    DROP FUNCTION tickets_due_at_default();
    ALTER TABLE tickets DROP COLUMN due_at, DROP COLUMN transferred_from_id;
    -- A transferred ticket ended: the older schema knows it as cancelled.
    UPDATE tickets SET status = 'cancelled' WHERE status = 'transferred';
    ALTER TABLE tickets DROP CONSTRAINT tickets_status_check;
    ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
      CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'));
  `);
};
