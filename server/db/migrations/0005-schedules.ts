import type { MigrationFn } from './types';

/**
 * Opening hours per department, and the close time each open queue is heading for. The close time is
 * worked out when the queue opens or its schedules change and kept on the queue row, so every process
 * (and the public status) reads the same instant.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE schedules (
      id bigserial PRIMARY KEY,
      department_id bigint NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
      days_of_week integer[] NOT NULL CHECK (cardinality(days_of_week) BETWEEN 1 AND 7 AND days_of_week <@ '{1,2,3,4,5,6,7}'),
      start_time time NOT NULL,
      end_time time NOT NULL CHECK (end_time <> start_time),
      auto_open boolean NOT NULL DEFAULT false,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX schedules_department_idx ON schedules (department_id);
    ALTER TABLE queues ADD COLUMN scheduled_close_at timestamptz;
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE queues DROP COLUMN scheduled_close_at; DROP TABLE schedules;`);
};
