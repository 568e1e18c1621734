import type { MigrationFn } from './types';

/**
 * Room on each page for a row's next versions. Delivery updates every notification twice (the lease,
 * then the outcome) and a socket ack a third time; with full pages each update wrote a new entry into
 * all six indexes. With room on the page, the lease and the ack (which change no indexed column) are
 * HOT updates that touch no index.
 */
export const up: MigrationFn = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE notifications SET (fillfactor = 70);`);
};

export const down: MigrationFn = async ({ context: sql }) => {
  await sql.query(`ALTER TABLE notifications RESET (fillfactor);`);
};
