import type { MigrationFn } from './types';

/**
 * Socket.IO's PostgreSQL adapter (cluster mode) sends events between processes with NOTIFY; payloads
 * over NOTIFY's 8000-byte limit travel through this table, which the adapter cleans up itself.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE socket_io_attachments (
      id bigserial UNIQUE,
      created_at timestamptz DEFAULT now(),
      payload bytea
    );
  `);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`DROP TABLE socket_io_attachments;`);
};
