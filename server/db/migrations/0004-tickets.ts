import type { MigrationFn } from './types';

/**
 * Tickets: a patient's place in a department's queue. Numbers come from a per-department, per-local-day
 * counter row that is incremented atomically, so two joins never share a number. A partial unique index
 * keeps one active ticket per patient per department even under concurrent joins.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE ticket_counters (
      department_id bigint NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
      service_date date NOT NULL,
      last_seq integer NOT NULL,
      PRIMARY KEY (department_id, service_date)
    );

    CREATE TABLE tickets (
      id bigserial PRIMARY KEY,
      department_id bigint NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      service_date date NOT NULL,
      seq integer NOT NULL,
      number text NOT NULL,
      status text NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent', 'emergency')),
      priority_weight integer NOT NULL DEFAULT 0,
      room text,
      call_count integer NOT NULL DEFAULT 0,
      almost_notified boolean NOT NULL DEFAULT false,
      joined_at timestamptz NOT NULL DEFAULT now(),
      called_at timestamptz,
      last_called_at timestamptz,
      serving_at timestamptz,
      completed_at timestamptz,
      ended_at timestamptz,
      UNIQUE (department_id, service_date, seq)
    );
    CREATE UNIQUE INDEX tickets_one_active_idx ON tickets (user_id, department_id)
      WHERE status IN ('waiting', 'called', 'serving');
    CREATE INDEX tickets_waiting_idx ON tickets (department_id, priority_weight DESC, joined_at, id)
      WHERE status = 'waiting';
    CREATE INDEX tickets_department_day_idx ON tickets (department_id, service_date);

    -- Every step of every ticket, with who did it and why: the ticket's own history.
    CREATE TABLE ticket_events (
      id bigserial PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      kind text NOT NULL,
      room text,
      priority text,
      reason text,
      actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id);
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`DROP TABLE ticket_events; DROP TABLE tickets; DROP TABLE ticket_counters;`);
};
